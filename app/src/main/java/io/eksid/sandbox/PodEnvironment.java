package io.eksid.sandbox;

import java.nio.file.Path;
import java.util.Map;

/**
 * What a pod of the sandbox sees: the files the kubelet mounts and the variables the pod-identity webhook and
 * Kubernetes set, pointed at the sandbox. Running a process with {@link #variables()} makes it an in-cluster
 * client of the simulated cluster that gets AWS credentials from the emulated Pod Identity agent.
 *
 * <p>Two variables a real pod does not need: {@code KUBERNETES_AUTH_SERVICEACCOUNT_TOKEN} and
 * {@code KUBERNETES_CERTS_CA_FILE} / {@code KUBERNETES_NAMESPACE_FILE} move the service account files from
 * {@code /var/run/secrets/kubernetes.io/serviceaccount/} to {@link #serviceAccountDir()}, and
 * {@code AWS_ENDPOINT_URL} sends the SDK to the AWS emulator instead of the real endpoints.
 *
 * @param podName the pod's name, as its Pod Identity session tags carry it
 * @param podUid  the pod's uid, as its Pod Identity session tags carry it
 */
public record PodEnvironment(String cluster, String namespace, String serviceAccount, String podName, String podUid,
                             Path serviceAccountDir, Path podIdentityTokenFile, Map<String, String> variables) {

    public PodEnvironment {
        variables = Map.copyOf(variables);
    }
}
