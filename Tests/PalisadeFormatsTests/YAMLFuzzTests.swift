import PalisadeCore
import Testing

@testable import PalisadeFormats

/// Property tests: whatever bytes come in, the loader returns documents and/or errors;
/// it never crashes or hangs, and every error carries a position inside the input.
@Suite("YAML loader robustness")
struct YAMLFuzzTests {
    static let seed = """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
          labels: {app: web, tier: "front"}
        spec:
          template:
            spec:
              containers:
              - name: app
                image: nginx:1.27@sha256:abc
                args: ["--a", '--b', --c]
                env:
                - {name: A, value: "x"}
                securityContext: &sc
                  privileged: true
              initContainers:
              - name: init
                securityContext: *sc
                command:
                - |
                  echo hello
                  ---
        ---
        {"apiVersion": "v1", "kind": "Service", "spec": {"ports": [{"port": 80}]}}

        """

    /// A small deterministic generator (xorshift) so failures reproduce.
    struct Rng {
        var state: UInt64
        mutating func next() -> UInt64 {
            state ^= state << 13
            state ^= state >> 7
            state ^= state << 17
            return state
        }
        mutating func below(_ n: Int) -> Int { Int(next() % UInt64(max(n, 1))) }
    }

    static let interesting: [UInt8] = Array("-:[]{}&*!|>'\"#%@`,?\n\r\t \\".utf8) + [0, 0xFF, 0xC3, 0x80]

    @Test("10,000 mutated manifests never crash", arguments: [1, 2, 3, 4] as [UInt64])
    func mutations(seed: UInt64) {
        var rng = Rng(state: 0x9E37_79B9_7F4A_7C15 &* seed)
        let base = Array(Self.seed.utf8)
        for _ in 0..<2_500 {
            var bytes = base
            for _ in 0..<(1 + rng.below(6)) {
                switch rng.below(4) {
                case 0: bytes[rng.below(bytes.count)] = Self.interesting[rng.below(Self.interesting.count)]
                case 1: bytes.insert(Self.interesting[rng.below(Self.interesting.count)], at: rng.below(bytes.count))
                case 2: if bytes.count > 1 { bytes.remove(at: rng.below(bytes.count)) }
                default: bytes = Array(bytes.prefix(rng.below(bytes.count + 1)))
                }
                if bytes.isEmpty { bytes = [0x61] }
            }
            let (docs, errors) = parse(bytes: bytes)
            let lines = bytes.filter { $0 == 0x0A || $0 == 0x0D }.count + 2
            for e in errors {
                #expect((e.line ?? 1) <= lines)
            }
            // Touch every node so lazily-broken trees would show.
            for d in docs { _ = count(d.root) }
        }
    }

    @Test("random byte strings never crash")
    func randomBytes() {
        var rng = Rng(state: 42)
        for _ in 0..<2_000 {
            let n = rng.below(300)
            var bytes: [UInt8] = []
            for _ in 0..<n {
                bytes.append(
                    rng.below(3) == 0
                        ? UInt8(truncatingIfNeeded: rng.next()) : Self.interesting[rng.below(Self.interesting.count)])
            }
            _ = parse(bytes: bytes)
        }
    }

    func count(_ n: YAMLNode) -> Int {
        switch n.content {
        case .scalar: return 1
        case .sequence(let items): return items.reduce(1) { $0 + count($1) }
        case .mapping(let pairs): return pairs.reduce(1) { $0 + count($1.value) }
        }
    }

    @Test("a 20 MB document of one scalar parses in bounded time")
    func hugeScalar() throws {
        var bytes = Array("data: \"".utf8)
        bytes.reserveCapacity(20_000_010)
        bytes.append(contentsOf: repeatElement(UInt8(ascii: "x"), count: 20_000_000))
        bytes.append(contentsOf: Array("\"\n".utf8))
        let (docs, errors) = parse(bytes: bytes)
        #expect(errors.isEmpty)
        #expect(docs.first?.root["data"]?.string?.utf8.count == 20_000_000)
    }
}
