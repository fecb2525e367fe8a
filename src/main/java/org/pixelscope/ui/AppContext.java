package org.pixelscope.ui;

/**
 * The services every view gets: the shared model session (with its job runner), the status bar
 * model, and the error reporter. Built once by {@link PixelScopeApp}; tests build their own.
 */
public record AppContext(ModelSession session, StatusModel status, ErrorReporter errors) {

    public JobRunner jobs() {
        return session.jobs();
    }
}
