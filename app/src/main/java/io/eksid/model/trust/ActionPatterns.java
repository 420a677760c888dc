package io.eksid.model.trust;

/** Action and NotAction matching: case-insensitive, with {@code *} and {@code ?} (IAM docs, Action element). */
final class ActionPatterns {

    private ActionPatterns() {
    }

    /** Whether the statement's Action/NotAction element covers {@code action}. */
    static boolean covers(Statement s, String action) {
        return covers(s.actions(), s.notAction(), action);
    }

    static boolean covers(StringValues actions, boolean notAction, String action) {
        boolean listed = actions.values().stream().anyMatch(p -> Glob.matches(p, action, true));
        return notAction != listed;
    }
}
