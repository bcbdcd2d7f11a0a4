/// Installed Ruby gems: RubyGems writes one Ruby file per installed gem to `specifications/<name>-<version>.gemspec`.
/// The file is code, not data, so it is read line by line for the assignments RubyGems generates
/// (`s.name = "rake".freeze`, `s.version = "13.0.6"`, `s.version = Gem::Version.new("1.2")`,
/// `s.licenses = ["MIT".freeze]`, `s.license = "MIT"`), whatever the block variable is called, falling back to
/// the `# stub: <name> <version> …` comment RubyGems puts at the top.
public struct GemspecCataloger: PackageCataloger {
    public let id = "gem"
    public static let maxFileSize = 1 << 20

    public init() {}

    public func wants(path: String, size: Int, isExecutable: Bool) -> Bool {
        size <= Self.maxFileSize && PathTest.hasSuffix(path, ".gemspec") && PathTest.contains(path, "/specifications/")
            && !PathTest.contains(PathTest.afterLast(path, "/specifications/"), "/")
    }

    public func catalog(path: String, contents: UnsafeRawBufferPointer) throws(CatalogError) -> [Package] {
        var name: String?
        var version: String?
        var licenses: [String] = []
        for rawLine in TextLines.split(contents) {
            let line = rawLine.trimmingSpaces()
            if line.hasPrefix("# stub: ") {
                let words = line.dropFirst("# stub: ".count).split(separator: " ")
                if words.count >= 2 {
                    name = name ?? String(words[0])
                    version = version ?? String(words[1])
                }
                continue
            }
            guard let (attribute, value) = Self.assignment(line) else { continue }
            switch attribute {
            case "name": name = Self.strings(in: value).first ?? name
            case "version": version = Self.strings(in: value).first ?? version
            case "license", "licenses": licenses = Self.strings(in: value)
            default: continue
            }
        }
        guard let name, let version, !name.isEmpty, !version.isEmpty else {
            throw CatalogError(path: path, reason: "gemspec without name and version")
        }
        return [
            Package(
                ecosystem: .gem, name: name, version: version,
                purl: LanguagePurl.make(type: .gem, name: name, version: version), licenses: licenses,
                foundIn: path)
        ]
    }

    /// `ident.attribute = value` → (`attribute`, `value`).
    static func assignment(_ line: String) -> (String, Substring)? {
        guard let equals = line.firstIndex(of: "="), line[line.index(after: equals)...].first != "=" else {
            return nil
        }
        let target = line[..<equals].trimmingSpaces()
        guard let dot = target.lastIndex(of: "."), dot != target.startIndex else { return nil }
        let receiver = target[..<dot]
        guard receiver.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else { return nil }
        return (String(target[target.index(after: dot)...]), line[line.index(after: equals)...])
    }

    /// The contents of the double- or single-quoted string literals in `text`, in order (at most 64).
    static func strings(in text: Substring) -> [String] {
        var found: [String] = []
        var quote: Character?
        var current = ""
        for character in text {
            if let open = quote {
                if character == open {
                    found.append(current)
                    current = ""
                    quote = nil
                    if found.count >= 64 { break }
                } else {
                    current.append(character)
                }
            } else if character == "\"" || character == "'" {
                quote = character
            } else if character == "#" {
                break  // comment
            }
        }
        return found
    }
}
