import PalisadeCore

extension ImageHygieneRules {
    /// MEDIUM: unverified remote content executed or shipped in the image (supply chain).
    public static let addRemote = RuleMetadata(
        id: "IMG-ADD-REMOTE", title: "ADD downloads from a remote URL", severity: .medium, category: historyCategory,
        why: "ADD <url> fetches whatever the server returns at build time, with no checksum or signature check: "
            + "a compromised or hijacked server, or a man in the middle on http://, changes the image silently.",
        remediation: "Download in a RUN step that verifies a pinned checksum or signature (`curl -fsSLO … && "
            + "echo '<sha256>  file' | sha256sum -c`), or use `ADD --checksum=sha256:…`; use COPY for local files.",
        frameworks: FrameworkMappings(cis: ["4.9"], mitre: ["T1195.002"], nist: [.image]),
        references: [cisDocker, dockle + " (CIS-DI-0009)", dockerfileBestPractices + "#add-or-copy"])

    /// LOW: implicit extraction hides what lands in the image; reviewers expect COPY semantics.
    public static let addArchive = RuleMetadata(
        id: "IMG-ADD-ARCHIVE", title: "ADD extracts a local archive", severity: .low, category: historyCategory,
        why: "ADD silently unpacks tar archives into the image: what lands on disk (owners, setuid bits, paths) is "
            + "whatever the archive holds, invisible in the Dockerfile and easy to swap unnoticed.",
        remediation: "Use COPY for files and unpack archives explicitly in a RUN step after verifying them, so the "
            + "extraction is visible and reviewable. Base-image root filesystems (the first layer) are not reported.",
        frameworks: FrameworkMappings(cis: ["4.9"], nist: [.image]),
        references: [cisDocker, dockle + " (CIS-DI-0009)"])

    /// INFO: CIS 4.9 recommends COPY; a local non-archive ADD behaves like COPY, so this is style.
    public static let addLocal = RuleMetadata(
        id: "IMG-ADD-LOCAL", title: "ADD used where COPY would do", severity: .info, category: historyCategory,
        why: "ADD has implicit behaviours (URL download, archive extraction) that COPY lacks; using it for plain "
            + "local files makes those behaviours one filename away.",
        remediation: "Replace ADD with COPY for local files and directories.",
        frameworks: FrameworkMappings(cis: ["4.9"], nist: [.image]),
        references: [cisDocker, dockle + " (CIS-DI-0009)"])

    /// MEDIUM: sudo in a build or image means privilege changes outside the USER model.
    public static let sudo = RuleMetadata(
        id: "IMG-SUDO", title: "sudo used or installed in the image", severity: .medium, category: historyCategory,
        why: "sudo in a container is a privilege-escalation path: a process running as the unprivileged USER can "
            + "become root again (often with NOPASSWD), defeating the point of USER. Its TTY and signal handling "
            + "also misbehave as PID 1 children.",
        remediation: "Run build steps that need root before the USER instruction, remove the sudo package and "
            + "sudoers entries; use `gosu`/`su-exec` only in entrypoints that drop privileges once.",
        frameworks: FrameworkMappings(mitre: ["T1548.003"], nist: [.image, .container]),
        references: [dockle + " (DKL-DI-0001)", dockerfileBestPractices + "#user"])

    /// LOW: stale-index builds; a cache-ordering bug rather than an exploit.
    public static let aptUpdateAlone = RuleMetadata(
        id: "IMG-APT-UPDATE-ALONE", title: "Package index updated in a separate step", severity: .low,
        category: historyCategory,
        why: "A RUN that only updates the package index is cached on its own: later builds reuse the old index "
            + "and install stale (possibly vulnerable) versions, and the index files bloat that layer.",
        remediation: "Update and install in one RUN and clean up in the same step: `RUN apt-get update && "
            + "apt-get install -y --no-install-recommends pkg && rm -rf /var/lib/apt/lists/*` (or `apk add --no-cache`).",
        frameworks: FrameworkMappings(cis: ["4.7"], nist: [.image]),
        references: [cisDocker, dockle + " (CIS-DI-0007)", dockerfileBestPractices + "#apt-get"])

    /// LOW: changes the distribution release under the base image's feet.
    public static let distUpgrade = RuleMetadata(
        id: "IMG-DIST-UPGRADE", title: "dist-upgrade run in the image", severity: .low, category: historyCategory,
        why: "`apt-get dist-upgrade`/`full-upgrade` may add and remove packages and move the image away from the "
            + "base it claims to be, so scans, support and reproducibility of the base no longer apply.",
        remediation: "Rebuild on a newer base image tag instead; if patches are needed, `apt-get upgrade` the specific "
            + "packages.",
        frameworks: FrameworkMappings(cis: ["4.4"], nist: [.image]),
        references: [dockle + " (DKL-DI-0003)"])

    /// LOW: size, plus a stale index shipped in the layer.
    public static let apkNoCache = RuleMetadata(
        id: "IMG-APK-NO-CACHE", title: "apk add without --no-cache", severity: .low, category: historyCategory,
        why: "`apk add` without `--no-cache` leaves the package index in /var/cache/apk in the layer: extra size, "
            + "and a snapshot of repository state nobody updates.",
        remediation: "Use `apk add --no-cache …` (or remove /var/cache/apk/* in the same RUN).",
        frameworks: FrameworkMappings(nist: [.image]),
        references: [dockle + " (DKL-DI-0004)"])
}
