/// The policy `palisade admission manifests` installs when no `--policy` is given: Pod Security
/// `baseline` enforced (warn and audit at `restricted`), like a cluster that turns on Pod Security
/// admission, plus the hardening rules whose violations are almost never intended, as warnings.
public enum DefaultAdmissionPolicy {
    public static let yaml = """
        # Palisade admission policy. Reference: docs/admission.md
        apiVersion: palisade.dev/v1
        kind: AdmissionPolicy
        # The answer when a review cannot be decided in time: Ignore (allow) or Fail (deny).
        failurePolicy: Ignore
        # Answer within this many seconds; keep it below the webhook configuration's timeoutSeconds.
        timeoutSeconds: 5
        # Pod Security Standards, applied as Pod Security admission applies them. A Namespace's
        # pod-security.kubernetes.io/<mode>[-version] labels take precedence over these defaults.
        podSecurity:
          enforce: baseline
          enforceVersion: latest
          warn: restricted
          warnVersion: latest
          audit: restricted
          auditVersion: latest
        # Rules from `palisade rules list`, by id or prefix*: enforce (deny), warn, audit or off.
        rules:
          - ids: [K8S-WL-RUNTIME-SOCKET, K8S-WL-SENSITIVE-HOSTPATH, K8S-WL-SYS-ADMIN]
            action: enforce
          - ids: [K8S-WL-IMAGE-LATEST, K8S-WL-IMAGE-NO-TAG, K8S-WL-CREDENTIAL-IN-ENV, K8S-WL-SECRET-ENV-LITERAL]
            action: warn
          - ids: [K8S-RBAC-*]
            action: audit
        # Requests from these are never checked (like Pod Security admission's exemptions).
        exemptions:
          namespaces: [kube-system]
          usernames: []
          groups: []
          serviceAccounts: []
        # An UPDATE that changes only metadata of an object that already violates an enforced rule
        # is allowed with a warning, so existing workloads can still be labelled and scaled.
        allowMetadataOnlyUpdates: true

        """
}
