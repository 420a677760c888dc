package io.eksid.ui.tour;

/**
 * One callout of the guided tour.
 *
 * @param title      what the callout is about, in a few words
 * @param text       what the admin sees there and what to do with it
 * @param nodeId     the graph node it points at, or null
 * @param controlId  the CSS id of the control it points at when it is not a graph node, or null
 */
public record TourStop(String title, String text, String nodeId, String controlId) {

    static TourStop atNode(String title, String text, String nodeId) {
        return new TourStop(title, text, nodeId, null);
    }

    static TourStop atControl(String title, String text, String controlId) {
        return new TourStop(title, text, null, controlId);
    }
}
