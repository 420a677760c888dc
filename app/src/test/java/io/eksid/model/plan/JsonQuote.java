package io.eksid.model.plan;

/** Test access to the planner's JSON string quoting. */
public final class JsonQuote {
    private JsonQuote() {
    }

    public static String quote(String s) {
        return Json.quote(s);
    }
}
