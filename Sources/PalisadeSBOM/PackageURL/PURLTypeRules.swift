/// Per-type case rules from the purl type definitions: where a registry treats names
/// case-insensitively, the purl must be lower-cased so one package has one purl.
enum PURLTypeRules {
    enum CaseRule {
        /// Leave both as given (maven, golang, gem, cargo, nuget, generic, …).
        case none
        /// Lower-case namespace and name (deb, apk, npm, pypi, composer, github, …).
        case namespaceAndName
        /// Lower-case only the namespace (rpm: vendor is case-insensitive, names are not).
        case namespaceOnly
    }

    static func caseRule(for type: String) -> CaseRule {
        switch type {
        case "deb", "apk", "alpm", "npm", "pypi", "composer", "github", "bitbucket", "gitlab", "hex":
            return .namespaceAndName
        case "rpm":
            return .namespaceOnly
        default:
            return .none
        }
    }
}
