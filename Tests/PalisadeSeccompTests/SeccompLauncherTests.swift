import PalisadeSeccomp
import Testing

@Suite struct LibSeccompLoaderTests {
    @Test func missingLibraryIsAClearError() {
        #expect {
            _ = try LibSeccomp(path: "/nonexistent/libseccomp.so.2")
        } throws: { error in
            "\(error)".hasPrefix("/nonexistent/libseccomp.so.2 not found: install Debian's libseccomp2")
        }
    }

    @Test func launcherResolvesLikeExecvp() throws {
        let launcher = SeccompLauncher()
        let sh = try launcher.resolve("sh", path: "/nonexistent:/usr/bin:/bin")
        #expect(sh.hasSuffix("/sh"))
        #expect(try launcher.resolve("/bin/sh") == "/bin/sh")
        #expect(throws: SeccompLaunchError.commandNotFound("palisade-no-such-command")) {
            try launcher.resolve("palisade-no-such-command", path: "/usr/bin:/bin")
        }
        #expect(throws: SeccompLaunchError.notExecutable("/etc/passwd")) { try launcher.resolve("/etc/passwd") }
        #expect(throws: SeccompLaunchError.commandNotFound("/nonexistent/x")) { try launcher.resolve("/nonexistent/x") }
        #expect("\(SeccompLaunchError.commandNotFound("x"))" == "command not found: x")
    }
}
