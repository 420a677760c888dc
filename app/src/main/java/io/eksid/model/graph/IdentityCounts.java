package io.eksid.model.graph;

import io.eksid.model.UnreadSources;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Headline numbers of a graph.
 *
 * @param serviceAccounts service accounts that exist (placeholders for missing ones are not counted)
 * @param irsaMappings    existing service accounts with an IRSA role annotation
 * @param roles           distinct roles referenced by annotations and associations
 * @param stalePods       running or pending pods whose credentials differ from what a new pod would get
 */
public record IdentityCounts(int namespaces, int serviceAccounts, int pods, int irsaMappings, int associations,
                             int roles, int stalePods) {

    /** The sources each count is read from, by the count's name (the keys of {@code eksid scan --output json}). */
    private static final Map<String, String[]> SOURCES = sources();

    private static Map<String, String[]> sources() {
        Map<String, String[]> m = new LinkedHashMap<>();
        m.put("namespaces", new String[] {UnreadSources.KUBE_NAMESPACES});
        m.put("serviceAccounts", new String[] {UnreadSources.KUBE_SERVICE_ACCOUNTS});
        m.put("pods", new String[] {UnreadSources.KUBE_PODS});
        m.put("irsaMappings", new String[] {UnreadSources.KUBE_SERVICE_ACCOUNTS});
        m.put("associations", new String[] {UnreadSources.AWS_ASSOCIATIONS});
        m.put("roles", new String[] {UnreadSources.KUBE_SERVICE_ACCOUNTS, UnreadSources.AWS_ASSOCIATIONS});
        m.put("stalePods", new String[] {UnreadSources.KUBE_PODS, UnreadSources.AWS_ASSOCIATIONS});
        return m;
    }

    /** Every count by name, in display order. */
    public Map<String, Integer> byName() {
        Map<String, Integer> m = new LinkedHashMap<>();
        m.put("namespaces", namespaces);
        m.put("serviceAccounts", serviceAccounts);
        m.put("pods", pods);
        m.put("irsaMappings", irsaMappings);
        m.put("associations", associations);
        m.put("roles", roles);
        m.put("stalePods", stalePods);
        return m;
    }

    /** The counts that are unknown because a source they are read from was not read, with the reason. */
    public static Map<String, String> unknown(UnreadSources unread) {
        Map<String, String> m = new LinkedHashMap<>();
        SOURCES.forEach((key, from) -> unread.why(from).ifPresent(why -> m.put(key, why)));
        return m;
    }
}
