package io.eksid.ui.wizard;

import io.eksid.model.ServiceAccountRef;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the conversion preview flags per service account, beside the plan itself.
 *
 * @param hostNetworkPods the pods of each service account that use the host network (shown once per service
 *                        account, however many pods: the plan notes them one per pod)
 * @param brokenIrsa      service accounts whose IRSA mapping gives their pods no credentials today, with why: a
 *                        conversion would grant credentials these pods do not have today
 * @param excluded        the broken ones left out of the plan because the user has not opted in to them
 * @param allExcluded     every service account the plan would convert is excluded: the plan shown still holds them,
 *                        and Apply stays disabled
 */
public record PreviewFlags(Map<ServiceAccountRef, List<String>> hostNetworkPods,
                           Map<ServiceAccountRef, String> brokenIrsa, Set<ServiceAccountRef> excluded,
                           boolean allExcluded) {

    public static final PreviewFlags NONE = new PreviewFlags(Map.of(), Map.of(), Set.of(), false);

    public PreviewFlags {
        hostNetworkPods = Map.copyOf(hostNetworkPods);
        brokenIrsa = Map.copyOf(brokenIrsa);
        excluded = Set.copyOf(excluded);
    }

    /** Why Apply has nothing to do when every service account is a broken mapping not opted in. */
    public String nothingIncluded() {
        return "Nothing to do: " + excluded.size() + (excluded.size() == 1 ? " service account" : " service accounts")
                + " with a broken IRSA mapping not included; tick Convert anyway to include one.";
    }

    /** The preview's line for a service account with host-network pods, or null. */
    public String hostNetworkNote(ServiceAccountRef sa) {
        List<String> pods = hostNetworkPods.getOrDefault(sa, List.of());
        if (pods.isEmpty()) {
            return null;
        }
        String names = String.join(", ", pods.subList(0, Math.min(3, pods.size())))
                + (pods.size() > 3 ? ", \u2026" : "");
        return "Host network: " + pods.size() + (pods.size() == 1 ? " pod (" : " pods (") + names + ") of " + sa
                + (pods.size() == 1 ? " uses" : " use") + " the host network; Pod Identity there is not documented to "
                + "work: check it after the conversion.";
    }
}
