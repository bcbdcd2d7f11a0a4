import PalisadeFormats
import SeededRandom
import Testing

@testable import PalisadeKube

/// The byte-level fast paths taken for speed must agree with the general code they shortcut.
@Suite("Rule fast paths agree with the general code")
struct RuleFastPathTests {
    static let imageTexts = [
        "nginx", "nginx:1.25", "nginx@sha256:abc", "nginx:1.25@sha256:abc", "library/nginx", "acme/app:v1",
        "ghcr.io/acme/app:v1", "Registry.Example.com:443/team/app:v1@sha256:abc", "localhost/app:1",
        "localhost:5000/app", "LOCALHOST/app", "index.docker.io/nginx", "registry-1.docker.io/acme/app:2",
        "hub.docker.com/library/redis:7", "docker.io/nginx:latest", "a:b:c", "repo:", "repo@", ":tag", "@sha256:x",
        "host.io/", "/app", "a/b/c/d:e", "quay.io:443/org/app@sha256:1", "my.registry/a:b@c:d", "x", "a/b:c/d",
        "app:1.0-rc.1", "example.com:8080", "ex.com/a@", "UPPER/Case:Tag",
    ]

    @Test(arguments: imageTexts)
    func imageReferenceBytesMatchCharacters(_ text: String) {
        #expect(ImageReference.parseASCII(text) == ImageReference.parseCharacters(text))
    }

    @Test("image references: the byte parse equals the Character parse on 20,000 random references")
    func imageReferenceRandom() {
        var rng = SplitMix64(seed: 0x1A6E)
        let alphabet = Array("ab/:.@-_L1".utf8)
        for _ in 0..<20_000 {
            let count = Int.random(in: 0...14, using: &rng)
            let bytes = (0..<count).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &rng)] }
            let text = String(decoding: bytes, as: UTF8.self)
            #expect(ImageReference.parseASCII(text) == ImageReference.parseCharacters(text), "\(text)")
        }
    }

    @Test("flag names and '=' found on bytes agree with the Character reading, combining marks included")
    func flagsOnBytes() {
        var rng = SplitMix64(seed: 0xF1A6)
        let pieces = ["-", "=", "a", "P", "_", "\u{301}", "é", "x"]
        for _ in 0..<20_000 {
            let text = (0..<Int.random(in: 0...9, using: &rng)).map { _ in
                pieces[Int.random(in: 0..<pieces.count, using: &rng)]
            }.joined()
            let referenceFlag: String? =
                text.hasPrefix("--") && text.utf8.count > 2 ? String(text.dropFirst(2).prefix { $0 != "=" }) : nil
            #expect(CredentialInArgs.flagName(text) == referenceFlag, "\(text)")
            #expect(CredentialInArgs.equalsSign(text) == text.firstIndex(of: "="), "\(text)")
        }
    }

    static let plainScalars = [
        "true", "True", "TRUE", "yes", "Yes", "y", "Y", "on", "On", "ON", "false", "no", "n", "N", "off", "Off", "OFF",
        "null", "Null", "NULL", "~", "nan", "NaN", "nginx", "none", "tag", "yaml", "onion", "Oslo", "family", "No",
        "1", "0", "-1", "+1", "1.5", ".5", "-.5", "1e3", "0x1F", "0o17", "017", "1_000", "1:2", "10.0.0.1", ".inf",
        "-.inf", ".nan", "+", "-", ".", "~x", "nope", "NULLs", "o", "O", "t", "f", "inf", "infinity", "Infinity",
    ]

    /// `SchemaTypeRule.isString` before its letter fast path: only plain scalars starting like a number,
    /// boolean or null are classified through `typeName` (so `inf` counts as a string, as it always has).
    static func referenceIsString(_ node: YAMLNode) -> Bool {
        guard let s = node.scalar else { return false }
        if !s.isPlain { return s.tag == nil || s.tag == "tag:yaml.org,2002:str" || s.style != .plain }
        switch s.value.utf8.first {
        case nil: return false
        case let c? where (c >= 0x30 && c <= 0x39) || "+-.~tTfFyYnNoO".utf8.contains(c):
            return node.typeName == "a string"
        default: return true
        }
    }

    @Test(arguments: plainScalars)
    func isStringMatchesReference(_ text: String) {
        let node = YAMLNode(content: .scalar(YAMLScalar(value: text)), mark: SourceMark(line: 1, column: 1))
        #expect(SchemaTypeRule.isString(node) == Self.referenceIsString(node))
    }

    @Test func compiledSchemaFindsExactlyTheSchemaKeys() {
        func walk(_ schema: FieldSchema, _ compiled: CompiledSchema) {
            switch schema {
            case .list(let element?):
                guard let e = compiled.element else {
                    Issue.record("list element not compiled")
                    return
                }
                walk(element, e)
            case .map(let fields):
                #expect(compiled.fields.count == fields.count)
                for (key, value) in fields {
                    guard let c = compiled.field(key) else {
                        Issue.record("key \(key) not found")
                        continue
                    }
                    walk(value, c)
                    #expect(compiled.field(key + "x") == nil)
                }
            default:
                break
            }
        }
        for shape in KubeSchema.ObjectShape.allCases {
            walk(shape.schema, CompiledSchema.objects[shape.rawValue])
        }
    }
}
