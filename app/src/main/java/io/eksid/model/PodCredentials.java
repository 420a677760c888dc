package io.eksid.model;

/**
 * Which AWS credential variables the webhook injected into a pod's containers when it was created.
 * Running pods keep these until they are replaced (FACTS.md, Pod Identity runtime).
 *
 * @param podIdentity   {@code AWS_CONTAINER_CREDENTIALS_FULL_URI} and the Pod Identity token file are set
 * @param irsa          {@code AWS_ROLE_ARN} and {@code AWS_WEB_IDENTITY_TOKEN_FILE} are set
 * @param irsaRoleArn   the value of {@code AWS_ROLE_ARN}, or null
 */
public record PodCredentials(boolean podIdentity, boolean irsa, String irsaRoleArn) {

    public static final PodCredentials NONE = new PodCredentials(false, false, null);

    public static PodCredentials podIdentityVars() {
        return new PodCredentials(true, false, null);
    }

    public static PodCredentials irsaVars(String roleArn) {
        return new PodCredentials(false, true, roleArn);
    }
}
