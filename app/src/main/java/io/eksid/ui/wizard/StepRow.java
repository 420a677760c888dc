package io.eksid.ui.wizard;

import io.eksid.model.plan.StepKind;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/** One plan step in the progress list: what it is, where it is, and what the engine said about it. */
public final class StepRow {

    /** Where a step is during an apply. */
    public enum State { PENDING, RUNNING, DONE, FAILED, SKIPPED, NOT_RUN }

    private final String stepId;
    private final StepKind kind;
    private final String title;
    private final ObjectProperty<State> state = new SimpleObjectProperty<>(State.PENDING);
    private final StringProperty detail = new SimpleStringProperty("");

    public StepRow(String stepId, StepKind kind, String title) {
        this.stepId = stepId;
        this.kind = kind;
        this.title = title;
    }

    public String stepId() {
        return stepId;
    }

    public StepKind kind() {
        return kind;
    }

    public String title() {
        return title;
    }

    public ObjectProperty<State> stateProperty() {
        return state;
    }

    public State state() {
        return state.get();
    }

    public StringProperty detailProperty() {
        return detail;
    }

    void update(State s, String d) {
        state.set(s);
        detail.set(d == null ? "" : d);
    }

    @Override
    public String toString() {
        return title + " [" + state.get() + "]" + (detail.get().isEmpty() ? "" : " " + detail.get());
    }
}
