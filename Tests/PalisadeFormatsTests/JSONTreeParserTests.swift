import Foundation
import PalisadeCore
import Testing

@testable import PalisadeFormats

@Suite("JSON tree parser")
struct JSONTreeParserTests {
    func parse(_ text: String, skipping: [String] = []) throws -> YAMLNode {
        try JSONTreeParser(skippingKeys: skipping).parse(Array(text.utf8), file: "t.json")
    }

    func error(_ text: String) -> InputError? {
        do throws(InputError) {
            _ = try JSONTreeParser().parse(Array(text.utf8), file: "t.json")
            return nil
        } catch {
            return error
        }
    }

    @Test("values, types and positions")
    func values() throws {
        let root = try parse("{\n  \"a\": [1, -2.5e3, true, false, null],\n  \"s\": \"true\",\n  \"o\": {}\n}")
        #expect(root["a"]?.items?.count == 5)
        #expect(root["a"]?.items?[0].int == 1)
        #expect(root["a"]?.items?[2].bool == true)
        #expect(root["a"]?.items?[4].isNull == true)
        #expect(root["s"]?.bool == nil)
        #expect(root["s"]?.string == "true")
        #expect(root["o"]?.pairs?.isEmpty == true)
        #expect(root.pair("s")?.keyMark == SourceMark(line: 3, column: 3))
        #expect(root["a"]?.items?[1].mark == SourceMark(line: 2, column: 12))
    }

    @Test("escapes, including surrogate pairs")
    func escapes() throws {
        let root = try parse(#"{"k":"a\"b\\c\/d\n\t\u00e9\ud83d\ude00"}"#)
        #expect(root["k"]?.string == "a\"b\\c/d\n\té😀")
    }

    @Test("node ids are in document order, so field paths can be found again")
    func ids() throws {
        let root = try parse(#"{"a":{"b":[{"c":1},{"d":2}]},"e":3}"#)
        var last: Int32 = -1
        func walk(_ n: YAMLNode) {
            #expect(n.id > last)
            last = n.id
            switch n.content {
            case .mapping(let pairs): for p in pairs { walk(p.value) }
            case .sequence(let items): for i in items { walk(i) }
            case .scalar: break
            }
        }
        walk(root)
    }

    @Test("skipped keys are validated but not built")
    func skipped() throws {
        let root = try parse(
            #"{"metadata":{"managedFields":[{"x":{"y":[1,2]}}],"name":"n"}}"#, skipping: ["managedFields"])
        #expect(root["metadata"]?["managedFields"] == nil)
        #expect(root["metadata"]?["name"]?.string == "n")
        #expect(throws: InputError.self) { try parse(#"{"managedFields":[1,}"#, skipping: ["managedFields"]) }
    }

    @Test("known keys and values come back as the same text, near misses and escaped ones too")
    func knownKeys() throws {
        for key in JSONKnownKeys.keys + JSONKnownKeys.values {
            let root = try parse("{\"\(key)\":1,\"v\":\"\(key)\"}")
            #expect(root.pairs?.first?.key == key)
            #expect(root[key]?.int == 1)
            #expect(root["v"]?.scalar == YAMLScalar(value: key, style: .doubleQuoted))
            // One byte changed at the start, in the middle and at the end: not the known key.
            var bytes = Array(key.utf8)
            for i in [0, bytes.count / 2, bytes.count - 1] {
                let saved = bytes[i]
                bytes[i] = saved == UInt8(ascii: "Z") ? UInt8(ascii: "Y") : UInt8(ascii: "Z")
                let other = String(decoding: bytes, as: UTF8.self)
                #expect(try parse("{\"\(other)\":1}").pairs?.first?.key == other)
                bytes[i] = saved
            }
        }
        // An escape inside a known key is decoded, not looked up by its raw bytes.
        let escaped = try parse(#"{"allowPrivilege\u0045scalation":true}"#)
        #expect(escaped["allowPrivilegeEscalation"]?.bool == true)
        #expect(JSONKnownKeys.keys.allSatisfy { $0.utf8.count <= JSONKnownKeys.maxLength })
        // Strings that share a known string's ends but differ in the middle, and prefixes of known ones.
        let middle = "allowPrivilegeXscalation"
        #expect(try parse("{\"\(middle)\":1}").pairs?.first?.key == middle)
        for text in ["", "a", "ap", "allowPrivilegeEscalatio", "allowPrivilegeEscalationX", "TCP ", "tcp"] {
            #expect(try parse("{\"v\":\"\(text)\"}")["v"]?.string == text)
        }
        // Short strings at the very end of the input (fewer than eight bytes left to read).
        for text in ["TCP", "v1", "ALL", "TCPX", "Pod"] {
            #expect(try parse("\"\(text)\"").string == text)
        }
    }

    @Test("skipped keys: same-length keys and keys of 64 bytes or more are compared in full")
    func skippedLengths() throws {
        let long = String(repeating: "k", count: 70)
        let root = try parse(
            #"{"managedFieldz":1,"managedFields":[2],"\#(long)":{"x":3},"\#(long)x":4}"#,
            skipping: ["managedFields", long])
        #expect(root["managedFieldz"]?.int == 1)
        #expect(root["managedFields"] == nil)
        #expect(root[long] == nil)
        #expect(root[long + "x"]?.int == 4)
    }

    @Test("a skipped value of every kind is accepted, and the tree around it is the same")
    func skippedKinds() throws {
        let value = #"[{"a\"b":"\u00e9\ud83d\ude00","n":-1.5e+3,"t":true,"f":false,"z":null,"e":{},"l":[]},0,"x\n"]"#
        let skipped = try parse(#"{"before":1,"skip":"# + value + #","after":[2]}"#, skipping: ["skip"])
        #expect(skipped["skip"] == nil)
        #expect(skipped["before"]?.int == 1)
        #expect(skipped["after"]?.items?.first?.int == 2)
        let built = try parse(#"{"before":1,"skip":"# + value + #","after":[2]}"#)
        #expect(built["skip"]?.items?.count == 3)
        // Skipped nodes take no ids: the next node's id follows the last one built.
        #expect(skipped["after"]?.id == skipped["before"]!.id + 1)
    }

    @Test("a skipped value that is invalid gives the same error as when it is built")
    func skippedErrors() throws {
        let bad = [
            "{", "[1,]", #"{"a" 1}"#, "{\"a\":1,}", "\"a\nb\"", "1.", "1e", "-", "tru", "nul", #""\x""#,
            #""\ud800""#, "[1 2]", #"{"a":1 "b":2}"#, "NaN", #""unterminated"#, "[", "",
            String(repeating: "[", count: 300),
        ]
        for text in bad {
            let document = #"{"skip":"# + text + "}"
            func failure(_ skipping: [String]) -> InputError? {
                do throws(InputError) {
                    _ = try JSONTreeParser(skippingKeys: skipping).parse(Array(document.utf8), file: "t.json")
                    return nil
                } catch {
                    return error
                }
            }
            let whenSkipped = try #require(failure(["skip"]), "accepted when skipped: \(text)")
            let whenBuilt = try #require(failure([]), "accepted when built: \(text)")
            #expect(whenSkipped.reason == whenBuilt.reason, "\(text)")
            #expect(whenSkipped.line == whenBuilt.line && whenSkipped.column == whenBuilt.column, "\(text)")
        }
    }

    @Test("invalid JSON is one error with its position")
    func invalid() throws {
        let cases: [(String, String)] = [
            ("", "empty input"), ("{", "end of input"), ("{\"a\":1,}", "expected a quoted key"),
            ("[1,]", "expected a value"),
            ("{\"a\" 1}", "expected ':'"), ("\"a\nb\"", "control character"), ("01", "unexpected data"),
            ("1.", "digits expected"),
            ("tru", "invalid literal"), ("\"\\x\"", "invalid escape"), ("\"\\ud800\"", "unpaired surrogate"),
            ("{} {}", "unexpected data"),
            ("NaN", "unexpected character"), ("[1 2]", "expected ',' or ']'"),
        ]
        for (text, reason) in cases {
            let e = try #require(error(text), "accepted: \(text)")
            #expect(e.reason.contains(reason), "\(text): \(e.reason)")
            #expect(e.file == "t.json")
        }
        let e = try #require(error("{\n  \"a\": [1,\n  ]\n}"))
        #expect(e.line == 3 && e.column == 3)
    }

    @Test("nesting deeper than the cap is refused, not a stack overflow")
    func depth() {
        let deep = String(repeating: "[", count: 100_000)
        #expect(error(deep)?.reason.contains("nesting deeper") == true)
    }

    /// A random JSON value; keys and strings include escapes and non-ASCII.
    static func randomJSON(_ rng: inout SystemRandomNumberGenerator, depth: Int = 0) -> Any {
        let pick = depth > 4 ? Int.random(in: 0..<4, using: &rng) : Int.random(in: 0..<6, using: &rng)
        switch pick {
        case 0: return Int.random(in: -100_000...100_000, using: &rng)
        case 1: return ["a", "é", "\"q\"", "line\nbreak", "tab\t", "😀", "\\", ""].randomElement(using: &rng)!
        case 2: return Bool.random(using: &rng)
        case 3: return NSNull()
        case 4: return (0..<Int.random(in: 0..<5, using: &rng)).map { _ in randomJSON(&rng, depth: depth + 1) }
        default:
            var d: [String: Any] = [:]
            for i in 0..<Int.random(in: 0..<5, using: &rng) {
                d["k\(i)\(["", "é", "/"].randomElement(using: &rng)!)"] = randomJSON(&rng, depth: depth + 1)
            }
            return d
        }
    }

    @Test("property: whatever Foundation writes, we read back the same tree, and write it back equal")
    func roundTrip() throws {
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<300 {
            let value = ["root": Self.randomJSON(&rng)]
            let data = try JSONSerialization.data(withJSONObject: value, options: [.prettyPrinted])
            let tree = try JSONTreeParser().parse(Array(data), file: "r")
            let rewritten = JSONWriter.json(tree)
            let back = try JSONSerialization.jsonObject(with: Data(rewritten.utf8))
            let canonical = { (v: Any) throws in try JSONSerialization.data(withJSONObject: v, options: [.sortedKeys]) }
            #expect(try canonical(back) == canonical(value), "\(rewritten)")
        }
    }

    @Test("fuzz: mutated documents never crash, and what we accept Foundation accepts too")
    func fuzz() throws {
        var rng = SystemRandomNumberGenerator()
        let seed = Array(#"{"a":[1,2.5e-3,{"b":"c\u00e9\n"}],"t":true,"f":false,"n":null,"s":"x\"y"}"#.utf8)
        let alphabet = Array(#"{}[]:,"\\/-+.eE0123456789tfnrua \n"#.utf8)
        for _ in 0..<5_000 {
            var bytes = seed
            for _ in 0..<Int.random(in: 1...4, using: &rng) {
                let i = Int.random(in: 0..<bytes.count, using: &rng)
                switch Int.random(in: 0..<3, using: &rng) {
                case 0: bytes[i] = alphabet.randomElement(using: &rng)!
                case 1: bytes.remove(at: i)
                default: bytes.insert(alphabet.randomElement(using: &rng)!, at: i)
                }
                if bytes.isEmpty { bytes = [0x31] }
            }
            let ours = (try? JSONTreeParser().parse(bytes, file: "f")) != nil
            // RFC 8259 allows any exponent; Foundation rejects numbers beyond Double's range
            // (`2.5e723`). Ours keeps numbers as text, so that difference is not a parser bug.
            if ours, !Self.hasOutOfRangeExponent(bytes) {
                let foundation =
                    (try? JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed])) != nil
                #expect(foundation, "accepted what Foundation rejects: \(String(decoding: bytes, as: UTF8.self))")
            }
        }
    }

    /// An exponent of three or more digits (`e723`, `E-400`): outside Double's range either way.
    static func hasOutOfRangeExponent(_ bytes: [UInt8]) -> Bool {
        var i = 1
        while i < bytes.count {
            if bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E"), bytes[i - 1] >= 0x30,
                bytes[i - 1] <= 0x39
            {
                var j = i + 1
                if j < bytes.count, bytes[j] == UInt8(ascii: "+") || bytes[j] == UInt8(ascii: "-") { j += 1 }
                var digits = 0
                while j < bytes.count, bytes[j] >= 0x30, bytes[j] <= 0x39 {
                    digits += 1
                    j += 1
                }
                if digits >= 3 { return true }
            }
            i += 1
        }
        return false
    }
}
