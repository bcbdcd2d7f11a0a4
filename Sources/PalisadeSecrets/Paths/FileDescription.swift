/// Names the kind of file a secret was found in, for messages: "an AWS credentials file", "a
/// Python source file". Only the path is used; nothing is read.
enum FileDescription {
    static func of(path: String) -> String {
        let base = path.split(separator: "/").last.map(String.init) ?? path
        if path.hasSuffix("/.aws/credentials") || path.hasSuffix("/.aws/config") { return "an AWS credentials file" }
        if path.hasSuffix("/.docker/config.json") { return "a docker config.json" }
        if CredentialFileRules.kubeconfigPaths.matches(path: path) { return "a kubeconfig" }
        if let named = byBaseName[base] { return named }
        if base == ".env" || base.hasPrefix(".env.") { return "a .env file" }
        let ext = base.split(separator: ".", omittingEmptySubsequences: false).dropFirst().last.map {
            $0.lowercased()
        }
        if let ext, let kind = byExtension[ext] { return kind }
        return "a file"
    }

    private static let byBaseName: [String: String] = [
        ".npmrc": "an .npmrc file", ".pypirc": "a .pypirc file", ".git-credentials": "a .git-credentials file",
        ".netrc": "a .netrc file", "_netrc": "a .netrc file", ".pgpass": "a .pgpass file",
        ".htpasswd": "an .htpasswd file", "shadow": "the shadow password file", "settings.xml": "a Maven settings.xml",
        "Dockerfile": "a Dockerfile", "id_rsa": "an SSH key file", "id_ecdsa": "an SSH key file",
        "id_ed25519": "an SSH key file", "id_dsa": "an SSH key file",
    ]

    private static let byExtension: [String: String] = [
        "py": "Python source", "js": "JavaScript source", "mjs": "JavaScript source", "cjs": "JavaScript source",
        "ts": "TypeScript source", "go": "Go source", "java": "Java source", "kt": "Kotlin source",
        "rb": "Ruby source", "php": "PHP source", "rs": "Rust source", "cs": "C# source", "swift": "Swift source",
        "sh": "a shell script", "bash": "a shell script", "yaml": "a YAML file", "yml": "a YAML file",
        "json": "a JSON file", "toml": "a TOML file", "ini": "an INI file", "cfg": "a configuration file",
        "conf": "a configuration file", "config": "a configuration file", "properties": "a properties file",
        "xml": "an XML file", "env": "an env file", "pem": "a PEM file", "key": "a key file", "crt": "a PEM file",
        "tf": "a Terraform file", "tfvars": "a Terraform variables file", "txt": "a text file", "log": "a log file",
        "md": "a Markdown file", "html": "an HTML file", "sql": "an SQL file", "ipynb": "a Jupyter notebook",
        "p12": "a PKCS#12 file", "pfx": "a PKCS#12 file",
    ]
}
