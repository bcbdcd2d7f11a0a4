import PalisadeCore

/// Every image-configuration rule (`IMG-*`): CIS Docker Benchmark section 4 and the checkpoints
/// Dockle runs (CIS-DI-0001..0011, DKL-DI-0001..0006, DKL-LI-0001..0003), minus the ones an image
/// cannot show (content trust, verified packages) and minus Dockle's known false positives.
///
/// Severities follow one scale: HIGH when the image alone hands an attacker something (a private
/// key, a crackable or empty password, root by default), MEDIUM when it widens what a foothold can
/// do (sudo, sshd, remote ADD, world-writable files), LOW for build hygiene that costs size or
/// reproducibility, INFO for inventory (setuid list) a reviewer should look at once.
public enum ImageHygieneRules {
    public static let all: [RuleMetadata] = [
        userRoot, noHealthcheck, sshPort, sensitiveVolume, envCredential, latestTag, baseLatest,
        addRemote, addArchive, addLocal, sudo, aptUpdateAlone, distUpgrade, apkNoCache,
        setuid, worldWritable, sshd, notMinimal, packageCache, privateKeyFile, credentialFile, gitDirectory,
        unnecessaryFiles, largeLayerLeftovers, shadowHashes, emptyPassword, duplicateID,
    ]

    static let configCategory = "Image configuration"
    static let historyCategory = "Image build history"
    static let filesCategory = "Image filesystem"
    static let accountsCategory = "Image accounts"

    static let cisDocker = "https://www.cisecurity.org/benchmark/docker"
    static let dockle = "https://github.com/goodwithtech/dockle#checkpoint-summary"
    static let dockerfileBestPractices = "https://docs.docker.com/build/building/best-practices/"
}
