package io.eksid.ui;

import io.eksid.engine.live.ConsoleBackend;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Supplier;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * Signs the current context's AWS profile in to IAM Identity Center (device flow, in the background), shows what
 * the user must do (the URL and code), then asks for fresh AWS data.
 */
public final class SsoSignInModel {

    private final ConsoleBackend workspace;
    private final TaskRunner tasks;
    private final Supplier<String> context;
    private final Function<String, String> profileFor;
    private final BiConsumer<ActivityEntry.Kind, String> log;
    private final Runnable refresh;
    private final StringProperty message = new SimpleStringProperty("");

    SsoSignInModel(ConsoleBackend workspace, TaskRunner tasks, Supplier<String> context, Function<String, String> profileFor,
                   BiConsumer<ActivityEntry.Kind, String> log, Runnable refresh) {
        this.workspace = Objects.requireNonNull(workspace);
        this.tasks = Objects.requireNonNull(tasks);
        this.context = Objects.requireNonNull(context);
        this.profileFor = Objects.requireNonNull(profileFor);
        this.log = Objects.requireNonNull(log);
        this.refresh = Objects.requireNonNull(refresh);
    }

    public void signIn() {
        String ctx = context.get();
        if (ctx == null) {
            return;
        }
        log.accept(ActivityEntry.Kind.INFO, "Signing in to IAM Identity Center for " + ctx + "\u2026");
        tasks.run(() -> workspace.signIn(ctx, profileFor.apply(ctx), text -> tasks.onUiThread(() -> {
            message.set(text);
            log.accept(ActivityEntry.Kind.INFO, text);
        }), () -> false), expires -> {
            message.set("");
            log.accept(ActivityEntry.Kind.INFO, "Signed in; the session is valid until " + expires);
            refresh.run();
        }, e -> {
            message.set("Sign-in failed: " + e.getMessage());
            log.accept(ActivityEntry.Kind.ERROR, "Sign-in failed: " + e.getMessage());
        });
    }

    /** What the user must do to finish signing in, or why it failed; empty otherwise. */
    public StringProperty messageProperty() {
        return message;
    }
}
