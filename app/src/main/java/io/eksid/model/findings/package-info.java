/**
 * The findings catalogue ({@link io.eksid.model.findings.FindingCode}): what is broken or risky in a cluster's
 * identity setup, each finding with a specific message and a concrete fix (the trust statement to add, the
 * command to run). {@link io.eksid.model.findings.FindingsAnalyzer} computes them from a snapshot and its
 * {@link io.eksid.model.graph.IdentityGraph}; malformed annotations and trust policies become findings, never
 * exceptions.
 */
package io.eksid.model.findings;
