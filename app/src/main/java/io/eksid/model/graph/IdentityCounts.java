package io.eksid.model.graph;

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
}
