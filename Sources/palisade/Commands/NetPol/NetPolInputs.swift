import ArgumentParser
import PalisadeCore
import PalisadeKube

/// Loading the manifests and reading the FROM/TO/--port arguments, shared by the netpol commands.
/// Every problem is one `palisade: error:` line and exit code 2.
enum NetPolInputs {
    /// Loads every object of `paths` (files, directories, `-`); unreadable or invalid inputs are
    /// printed and end the command with exit 2, since a partial model would give wrong answers.
    static func load(_ paths: [String]) throws -> NetworkReachability {
        let (inputs, discoveryErrors) = ManifestDiscovery.expand(paths)
        let loaded = KubeObjectLoader().load(inputs)
        let errors = discoveryErrors + loaded.errors
        if !errors.isEmpty {
            for error in errors { StandardStreams.error("palisade: error: \(error)") }
            throw ExitCode(2)
        }
        return NetworkReachability(model: NetworkModel(objects: loaded.objects))
    }

    static func fail(_ message: String) -> ExitCode {
        StandardStreams.error("palisade: error: \(message)")
        return ExitCode(2)
    }

    /// `443/TCP`, `53/udp` or `443` (TCP).
    static func port(_ text: String) throws -> (port: Int, proto: NetworkProtocol) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let number = Int(parts[0]), (1...65535).contains(number),
            let proto = parts.count == 2 ? NetworkProtocol(rawValue: parts[1].uppercased()) : .tcp
        else {
            throw fail("invalid --port '\(text)': use PORT or PORT/PROTOCOL with 1-65535 and TCP, UDP or SCTP")
        }
        return (number, proto)
    }

    /// An endpoint named `NAMESPACE/NAME` or `KIND/NAMESPACE/NAME`, or an IP address (a pod's when
    /// it is some pod's `status.podIP`, else outside the cluster).
    static func address(_ text: String, role: String, in reachability: NetworkReachability) throws -> NetworkAddress {
        let endpoints = reachability.model.endpoints
        if let ip = IPAddress(text) {
            if let i = endpoints.firstIndex(where: { $0.podIP == ip }) { return .endpoint(i) }
            return .external(ip)
        }
        let parts = text.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard (2...3).contains(parts.count), parts.allSatisfy({ !$0.isEmpty }) else {
            throw fail("invalid \(role) '\(text)': use NAMESPACE/NAME, KIND/NAMESPACE/NAME or an IP address")
        }
        let kind = parts.count == 3 ? parts[0].lowercased() : nil
        let (namespace, name) = (parts[parts.count - 2], parts[parts.count - 1])
        let found = endpoints.indices.filter {
            endpoints[$0].namespace == namespace && endpoints[$0].name == name
                && (kind == nil || endpoints[$0].kind.lowercased() == kind)
        }
        if found.count == 1 { return .endpoint(found[0]) }
        if found.count > 1 {
            let names = found.map { endpoints[$0].qualifiedName }.joined(separator: ", ")
            throw fail("\(role) '\(text)' is ambiguous (\(names)); use KIND/NAMESPACE/NAME")
        }
        var message = "no pod or workload '\(text)' in the inputs"
        let candidates = endpoints.map { kind == nil ? $0.shortName : $0.qualifiedName }
        if let suggestion = Suggestions.closest(to: text, in: candidates) {
            message += "; did you mean '\(suggestion)'?"
        } else if endpoints.isEmpty {
            message += " (they contain no pods or workloads)"
        }
        throw fail(message)
    }
}
