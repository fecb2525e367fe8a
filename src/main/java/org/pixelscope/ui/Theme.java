package org.pixelscope.ui;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import java.util.Locale;
import javafx.application.Application;
import javafx.scene.Scene;

/**
 * The app's themes: AtlantaFX's Primer light and dark (maintained themes that every control
 * follows), and a high-contrast theme for projectors in bright rooms: Primer light with pure
 * black text and borders on white, thicker borders and focus rings ({@code high-contrast.css}).
 * PixelScope's own style sheets colour text and panels through AtlantaFX's colour variables
 * ({@code -color-fg-default}, {@code -color-bg-subtle}, ...), so they follow the theme; the
 * colours that carry meaning (masks, fields, curves) stay the same in every theme.
 *
 * <p>Thread: FX only ({@link Application#setUserAgentStylesheet} is global).
 */
public enum Theme {
    LIGHT("Light"),
    DARK("Dark"),
    HIGH_CONTRAST("High Contrast");

    private static final String HIGH_CONTRAST_CSS =
            Theme.class.getResource("high-contrast.css").toExternalForm();

    private final String title;

    Theme(String title) {
        this.title = title;
    }

    public String title() {
        return title;
    }

    /** The name stored in the preferences. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The theme named {@code key}, or {@link #LIGHT} for an unknown or missing name. */
    public static Theme of(String key) {
        for (Theme t : values()) {
            if (t.key().equals(key)) {
                return t;
            }
        }
        return LIGHT;
    }

    /** Makes this the theme of every window, and adds or removes the high-contrast layer on {@code scene}. */
    public void apply(Scene scene) {
        Application.setUserAgentStylesheet(
                this == DARK ? new PrimerDark().getUserAgentStylesheet() : new PrimerLight().getUserAgentStylesheet());
        if (scene != null) {
            scene.getStylesheets().remove(HIGH_CONTRAST_CSS);
            if (this == HIGH_CONTRAST) {
                scene.getStylesheets().add(HIGH_CONTRAST_CSS);
            }
        }
    }
}
