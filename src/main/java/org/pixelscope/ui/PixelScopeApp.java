package org.pixelscope.ui;

import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;

/** The desktop app. Placeholder window until the views land. */
public class PixelScopeApp extends Application {

    @Override
    public void start(Stage stage) {
        stage.setTitle("PixelScope");
        stage.setScene(new Scene(new StackPane(new Label("PixelScope")), 1200, 800));
        stage.show();
    }
}
