package io.eksid.kube;

import io.eksid.kube.lean.LeanPod;
import io.eksid.model.PodCredentials;
import java.util.List;

/**
 * Reads which AWS credential variables the pod identity webhook put into a pod's containers (FACTS.md, "Pod
 * Identity runtime" and "IRSA"): Pod Identity = {@code AWS_CONTAINER_CREDENTIALS_FULL_URI} with
 * {@code AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE}; IRSA = {@code AWS_ROLE_ARN} with
 * {@code AWS_WEB_IDENTITY_TOKEN_FILE}. A variable counts when any container (or init container) carries the pair.
 */
public final class PodCredentialsMapper {

    public static final String POD_IDENTITY_URI = "AWS_CONTAINER_CREDENTIALS_FULL_URI";
    public static final String POD_IDENTITY_TOKEN_FILE = "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE";
    public static final String IRSA_ROLE_ARN = "AWS_ROLE_ARN";
    public static final String IRSA_TOKEN_FILE = "AWS_WEB_IDENTITY_TOKEN_FILE";

    private PodCredentialsMapper() {
    }

    public static PodCredentials fromSpec(LeanPod.Spec spec) {
        if (spec == null) {
            return PodCredentials.NONE;
        }
        boolean podIdentity = false;
        boolean irsa = false;
        String roleArn = null;
        for (List<LeanPod.Container> list : java.util.Arrays.asList(spec.containers, spec.initContainers)) {
            if (list == null) {
                continue;
            }
            for (LeanPod.Container c : list) {
                ContainerVars v = ContainerVars.of(c);
                podIdentity |= v.uri && v.tokenFile;
                if (v.roleArn != null && v.webIdentityFile) {
                    irsa = true;
                    if (roleArn == null) {
                        roleArn = v.roleArn;
                    }
                }
            }
        }
        if (!podIdentity && !irsa) {
            return PodCredentials.NONE;
        }
        return new PodCredentials(podIdentity, irsa, roleArn);
    }

    private record ContainerVars(boolean uri, boolean tokenFile, String roleArn, boolean webIdentityFile) {
        static ContainerVars of(LeanPod.Container c) {
            boolean uri = false;
            boolean tokenFile = false;
            boolean webIdentity = false;
            String role = null;
            if (c != null && c.env != null) {
                for (LeanPod.EnvVar e : c.env) {
                    if (e == null || e.name == null) {
                        continue;
                    }
                    switch (e.name) {
                        case POD_IDENTITY_URI -> uri = true;
                        case POD_IDENTITY_TOKEN_FILE -> tokenFile = true;
                        case IRSA_TOKEN_FILE -> webIdentity = true;
                        case IRSA_ROLE_ARN -> role = e.value == null || e.value.isBlank() ? null : e.value.strip();
                        default -> {
                        }
                    }
                }
            }
            return new ContainerVars(uri, tokenFile, role, webIdentity);
        }
    }
}
