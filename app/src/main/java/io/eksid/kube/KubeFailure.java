package io.eksid.kube;

/** Why a Kubernetes call failed, in the terms an admin acts on. */
public enum KubeFailure {
    /** Connection refused, timed out, or the host name does not resolve. */
    UNREACHABLE,
    /** HTTP 401: the credentials were not accepted (expired token, wrong cluster, missing access entry). */
    UNAUTHORIZED,
    /** HTTP 403: authenticated, but RBAC does not allow this verb on this resource. */
    FORBIDDEN,
    /** The kubeconfig's exec credential plugin failed or printed no usable credential. */
    EXEC_PLUGIN_FAILED,
    /** TLS: the server certificate is not trusted (PKIX) or does not match the host name. */
    CERTIFICATE,
    /** HTTP 404. */
    NOT_FOUND,
    /** HTTP 409: someone else changed the object. */
    CONFLICT,
    /** HTTP 410: the resource version is too old; relist. */
    GONE,
    /** HTTP 5xx. */
    SERVER_ERROR,
    /** The context itself cannot be used (missing cluster or user entry). */
    INVALID_CONTEXT,
    /** Anything else; the message says what. */
    OTHER
}
