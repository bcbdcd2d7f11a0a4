import Foundation
import PalisadeSeccomp
import Testing

@Suite struct RuntimeMinimumTests {
    /// docs/seccomp.md lists the runtime minimum; the list in the code and the docs must agree.
    @Test func documentedListMatchesTheCode() throws {
        let docs = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("docs/seccomp.md")
        let text = try String(contentsOf: docs, encoding: .utf8)
        let start = try #require(text.range(of: "Every generated profile therefore also allows:\n\n`"))
        let end = try #require(text[start.upperBound...].firstIndex(of: "`"))
        let listed = text[start.upperBound..<end].split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init)
        #expect(listed == RuntimeMinimum.syscalls)
        #expect(RuntimeMinimum.syscalls == RuntimeMinimum.syscalls.sorted())
    }

    /// Every runtime-minimum name is a real syscall on x86_64 and aarch64 (a typo would silently drop it).
    @Test func everyNameIsASyscall() {
        for name in RuntimeMinimum.syscalls {
            #expect(SyscallTable.number(of: name, on: .x86_64) != nil, "\(name)")
        }
        // aarch64 has no legacy calls; newfstatat and the rest exist there too.
        for name in RuntimeMinimum.syscalls {
            #expect(SyscallTable.number(of: name, on: .aarch64) != nil, "\(name) on aarch64")
        }
    }
}
