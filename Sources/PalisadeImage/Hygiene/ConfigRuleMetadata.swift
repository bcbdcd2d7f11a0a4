import PalisadeCore

extension ImageHygieneRules {
    /// HIGH, where Dockle says WARN: every container started from the image is UID 0 unless the
    /// orchestrator overrides it, so any escape, host mount or kernel bug lands as root on the node.
    public static let userRoot = RuleMetadata(
        id: "IMG-USER-ROOT", title: "Image runs as root by default", severity: .high, category: configCategory,
        why: "With no USER (or USER root / 0) every container from this image runs as UID 0 unless the platform "
            + "overrides it. Root in the container owns every file in it, can install tools, and turns any "
            + "container escape, writable host mount or kernel bug into root on the host.",
        remediation: "Create an unprivileged user in the Dockerfile (`RUN useradd -r -u 10001 app`) and end with "
            + "`USER 10001` (a numeric UID lets Kubernetes verify runAsNonRoot). Give it only the files it must write.",
        frameworks: FrameworkMappings(cis: ["4.1"], mitre: ["T1611"], nist: [.image, .container]),
        references: [cisDocker, dockle + " (CIS-DI-0001)", dockerfileBestPractices + "#user"])

    /// LOW: Kubernetes ignores HEALTHCHECK (it uses probes), so the risk is only for plain Docker/Swarm.
    public static let noHealthcheck = RuleMetadata(
        id: "IMG-NO-HEALTHCHECK", title: "Image has no HEALTHCHECK", severity: .low, category: configCategory,
        why: "Without a HEALTHCHECK (or with HEALTHCHECK NONE) Docker and Swarm cannot tell a hung container "
            + "from a healthy one, so a wedged service keeps receiving traffic. Kubernetes ignores HEALTHCHECK "
            + "and uses its own probes instead.",
        remediation: "Add `HEALTHCHECK CMD <command that fails when the service is unhealthy>`, or rely on "
            + "Kubernetes liveness/readiness probes and ignore this rule for images run only there.",
        frameworks: FrameworkMappings(cis: ["4.6"], nist: [.image]),
        references: [cisDocker, dockle + " (CIS-DI-0006)"])

    /// MEDIUM: an SSH endpoint is a second, long-lived way in that bypasses the orchestrator's audit.
    public static let sshPort = RuleMetadata(
        id: "IMG-SSH-PORT", title: "Image exposes SSH port 22", severity: .medium, category: configCategory,
        why: "EXPOSE 22 signals an SSH server inside the container: another network login surface with its own "
            + "credentials and keys, outside the orchestrator's access control and audit logs.",
        remediation: "Remove EXPOSE 22 and the SSH server; use `kubectl exec` / `docker exec` for debugging.",
        frameworks: FrameworkMappings(cis: ["5.6"], mitre: ["T1021.004"], nist: [.image, .container]),
        references: [cisDocker])

    /// LOW: a VOLUME creates an anonymous volume, not a host mount; the risk is the invitation to bind
    /// the host path there at run time.
    public static let sensitiveVolume = RuleMetadata(
        id: "IMG-SENSITIVE-VOLUME", title: "Image declares a VOLUME on a sensitive path", severity: .low,
        category: configCategory,
        why: "VOLUME on /proc, /sys, /dev, /etc, /boot or the Docker socket tells operators to bind-mount the "
            + "host's copy there; mounted from the host, these paths give the container control of the host.",
        remediation: "Drop the VOLUME instruction; if the application really needs host state, document a "
            + "narrow, read-only mount of the specific file instead.",
        frameworks: FrameworkMappings(cis: ["5.5"], mitre: ["T1611"], nist: [.image, .container]),
        references: [dockle + " (DKL-DI-0002)"])

    /// HIGH: whoever can pull the image reads config.Env (`docker inspect`), registries included.
    public static let envCredential = RuleMetadata(
        id: "IMG-ENV-CREDENTIAL", title: "Credential set in the image environment", severity: .high,
        category: configCategory,
        why: "ENV values are stored in the image config in clear text: anyone who can pull the image (registry "
            + "mirrors, CI caches, every node) can read them with `docker inspect`, and they cannot be rotated "
            + "without rebuilding.",
        remediation: "Remove the ENV instruction; pass the credential at run time from a secret store (Kubernetes "
            + "Secret, Docker secret, `--mount=type=secret` for build-time use) and rotate the exposed value.",
        frameworks: FrameworkMappings(cis: ["4.10"], mitre: ["T1552.001"], nist: [.image]),
        references: [cisDocker, dockle + " (CIS-DI-0010)", "https://docs.docker.com/build/building/secrets/"])

    /// LOW: `latest` is a moving target; rebuilding or re-pulling silently changes what runs.
    public static let latestTag = RuleMetadata(
        id: "IMG-LATEST-TAG", title: "Image referenced by the latest tag", severity: .low, category: configCategory,
        why: "`latest` moves with every push: the same reference can run different code on different nodes, and "
            + "a scan result for it is stale as soon as someone pushes.",
        remediation: "Refer to the image by an immutable version tag, ideally plus its digest (`app:1.4.2@sha256:…`).",
        frameworks: FrameworkMappings(nist: [.image, .registry]),
        references: [dockle + " (DKL-DI-0006)"])

    /// LOW: an unpinned base makes the image irreproducible and lets an upstream push change it.
    public static let baseLatest = RuleMetadata(
        id: "IMG-BASE-LATEST", title: "Base image not pinned", severity: .low, category: configCategory,
        why: "A base image taken by `latest` (or with no tag and no digest) changes under the build: rebuilds are "
            + "not reproducible, and a compromised or broken upstream push flows straight into this image.",
        remediation: "Pin the base in FROM to a version tag and digest (`FROM debian:12.5-slim@sha256:…`) and update "
            + "it deliberately (Renovate, Dependabot).",
        frameworks: FrameworkMappings(cis: ["4.2"], mitre: ["T1195.002"], nist: [.image]),
        references: [cisDocker, dockle + " (DKL-DI-0006)", dockerfileBestPractices + "#from"])
}
