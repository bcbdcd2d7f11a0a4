/// Package and image registry credentials: npm, PyPI, Docker Hub and docker config, NuGet, RubyGems,
/// Artifactory, Maven.
enum PackageRegistryRules {
    private static let publishWhy =
        "A registry publish token lets anyone who pulls the image push new versions of your packages: a supply "
        + "chain compromise for everyone who depends on them."

    static let all: [SecretRule] = [
        SecretRule(
            id: "SECRET-NPM-TOKEN", title: "npm access token", severity: .critical,
            noun: "access token for the npm registry",
            service: "the npm registry", pattern: #"\b(npm_[A-Za-z0-9]{36})\b"#, specificity: .prefixed,
            minEntropy: 3.0, binarySafe: true, why: publishWhy,
            references: ["https://docs.npmjs.com/about-access-tokens"]),
        SecretRule(
            id: "SECRET-NPMRC-AUTH", title: "Registry credential in .npmrc", severity: .high,
            noun: "registry credential in .npmrc syntax (_authToken, _auth or _password)", service: "the npm registry",
            pattern: #"(?:^|[\s:])_(?:authToken|auth|password)[ \t]*=[ \t]*["']?([^\s"'$]{8,512})"#,
            specificity: .credentialFile, minEntropy: 2.5, placeholders: .strict, why: publishWhy,
            remediation: "Revoke the token in the registry, remove the .npmrc from the image (use a multi-stage "
                + "build or `docker build --secret id=npmrc,target=/root/.npmrc`), and rebuild."),
        SecretRule(
            id: "SECRET-PYPI-TOKEN", title: "PyPI upload token", severity: .critical, noun: "PyPI API token",
            service: "PyPI",
            pattern: PatternParts.token(
                #"\bpypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{50,1000}|\bpypi-AgENdGVzdC5weXBpLm9yZw[A-Za-z0-9_-]{50,1000}"#,
                characters: "A-Za-z0-9_-"),
            specificity: .prefixed, minEntropy: 3.5, binarySafe: true, why: publishWhy),
        SecretRule(
            id: "SECRET-PYPIRC-PASSWORD", title: "Password in .pypirc", severity: .high,
            noun: "package index password", service: "PyPI or a private package index",
            pattern: #"^[ \t]*password[ \t]*[=:][ \t]*([^\s]{4,256})"#, specificity: .credentialFile,
            placeholders: .strict, paths: PathCondition(baseNames: [".pypirc"]), why: publishWhy),
        SecretRule(
            id: "SECRET-DOCKERHUB-TOKEN", title: "Docker Hub access token", severity: .high,
            noun: "Docker Hub access token", service: "Docker Hub",
            pattern: PatternParts.token(#"\bdckr_(?:pat|oat)_[A-Za-z0-9_-]{27,32}"#, characters: "A-Za-z0-9_-"),
            specificity: .prefixed, minEntropy: 3.0, binarySafe: true, why: publishWhy),
        SecretRule(
            id: "SECRET-DOCKER-CONFIG-AUTH", title: "Registry credentials in docker config.json", severity: .high,
            noun: "registry username and password (docker config \"auth\")", service: "the container registry",
            pattern: #""auth"[ \t]*:[ \t]*"([A-Za-z0-9+/]{8,1024}={0,2})""#, specificity: .credentialFile,
            placeholders: .strict, validator: .base64Credentials, why: publishWhy,
            remediation: "Change the registry password or revoke the token, delete .docker/config.json from the "
                + "image (log in at run time or mount the config as a secret), and rebuild."),
        SecretRule(
            id: "SECRET-NUGET-API-KEY", title: "NuGet API key", severity: .high, noun: "NuGet API key",
            service: "nuget.org", pattern: #"\b(oy2[a-z0-9]{43})\b"#, specificity: .prefixed, minEntropy: 3.5,
            why: publishWhy),
        SecretRule(
            id: "SECRET-RUBYGEMS-API-KEY", title: "RubyGems API key", severity: .high, noun: "RubyGems API key",
            service: "rubygems.org", pattern: #"\b(rubygems_[a-f0-9]{48})\b"#, specificity: .prefixed,
            minEntropy: 3.0, binarySafe: true, why: publishWhy),
        SecretRule(
            id: "SECRET-ARTIFACTORY-TOKEN", title: "JFrog Artifactory API key or reference token",
            severity: .high, noun: "JFrog Artifactory credential", service: "JFrog Artifactory",
            pattern: #"\b(AKCp[A-Za-z0-9]{69}|cmVmdGtu[A-Za-z0-9]{56})\b"#, specificity: .prefixed,
            minEntropy: 3.5, why: publishWhy),
        SecretRule(
            id: "SECRET-MAVEN-SETTINGS-PASSWORD", title: "Password in Maven settings.xml", severity: .high,
            noun: "repository password in Maven settings", service: "the Maven repository",
            pattern: #"<password>([^<\s$]{4,256})</password>"#, specificity: .credentialFile,
            placeholders: .strict,
            paths: PathCondition(baseNames: ["settings.xml", "settings-security.xml"]), why: publishWhy),
    ]
}
