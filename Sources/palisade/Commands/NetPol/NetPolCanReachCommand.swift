import ArgumentParser
import Foundation
import PalisadeKube

/// `palisade netpol can-reach FROM TO --port 443/TCP PATH...`: one connection decided and explained.
struct NetPolCanReachCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "can-reach",
        abstract: "Decide whether FROM can open a connection to TO, and explain why.",
        discussion: """
            FROM and TO are NAMESPACE/NAME of a pod or workload (KIND/NAMESPACE/NAME when several kinds share \
            the name) or an IP address (outside the cluster, unless it is a pod's status.podIP). Prints yes or \
            no, then the policies selecting each side and the rules that admit the connection, with FILE:LINE. \
            Exit code: 0 yes, 1 no, 2 input or usage error.
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text
        case json
    }

    @Argument(help: "The client: NAMESPACE/NAME, KIND/NAMESPACE/NAME or an IP address.")
    var from: String

    @Argument(help: "The server: NAMESPACE/NAME, KIND/NAMESPACE/NAME or an IP address.")
    var to: String

    @Argument(help: ArgumentHelp("Manifest files or directories; - reads stdin.", valueName: "PATH"))
    var paths: [String]

    @Option(
        help: ArgumentHelp("Destination port and protocol: PORT or PORT/PROTOCOL (TCP, UDP, SCTP).", valueName: "PORT"))
    var port: String

    @Option(help: "Output format: text or json.")
    var format: Format = .text

    func run() throws {
        let port = try NetPolInputs.port(self.port)
        let reachability = try NetPolInputs.load(paths)
        let source = try NetPolInputs.address(from, role: "FROM", in: reachability)
        let destination = try NetPolInputs.address(to, role: "TO", in: reachability)
        let decision = reachability.decide(from: source, to: destination, port: port.port, protocol: port.proto)
        switch format {
        case .text:
            print(reachability.explain(decision).joined(separator: "\n"))
        case .json:
            print(try NetPolJSON.encode(NetPolJSON.Decision(decision, reachability)))
        }
        if !decision.allowed { throw ExitCode(1) }
    }
}
