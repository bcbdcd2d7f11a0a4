import Foundation
import PalisadeKube

/// The JSON shapes of `netpol can-reach` and `netpol matrix` (stable keys, sorted).
enum NetPolJSON {
    static func encode(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    struct Policy: Encodable {
        var namespace: String
        var name: String
        var file: String
        var line: Int
    }

    struct Rule: Encodable {
        var policy: Policy
        var rule: String
        var description: String
    }

    struct Side: Encodable {
        var direction: String
        var applies: Bool
        var isolated: Bool
        var allowed: Bool
        var selectedBy: [Policy]
        var allowedBy: [Rule]
    }

    struct Decision: Encodable {
        var allowed: Bool
        var from: String
        var to: String
        var port: Int
        var proto: String
        var egress: Side
        var ingress: Side
        var explanation: [String]

        enum CodingKeys: String, CodingKey {
            case allowed, from, to, port, egress, ingress, explanation
            case proto = "protocol"
        }

        init(_ d: NetworkDecision, _ r: NetworkReachability) {
            func policy(_ i: Int) -> Policy {
                let p = r.model.policies[i]
                return Policy(namespace: p.namespace, name: p.name, file: p.object.file, line: p.object.mark.line)
            }
            func side(_ s: NetworkDirectionDecision) -> Side {
                Side(
                    direction: s.direction.rawValue, applies: s.applies, isolated: s.isolated, allowed: s.allowed,
                    selectedBy: s.selectingPolicies.map(policy),
                    allowedBy: s.matches.map { m in
                        var path = "\(m.direction.rawValue)[\(m.rule)]"
                        if let peer = m.peer { path += ".\(m.direction == .ingress ? "from" : "to")[\(peer)]" }
                        return Rule(policy: policy(m.policy), rule: path, description: r.describe(m))
                    })
            }
            allowed = d.allowed
            from = r.describe(d.from)
            to = r.describe(d.to)
            port = d.port
            proto = d.proto.rawValue
            egress = side(d.egress)
            ingress = side(d.ingress)
            explanation = r.explain(d)
        }
    }

    struct Cell: Encodable {
        var from: String
        var to: String
        var allowed: Bool
        var port: Int?
        var proto: String?

        enum CodingKeys: String, CodingKey {
            case from, to, allowed, port
            case proto = "protocol"
        }
    }

    struct Matrix: Encodable {
        var port: String?
        var nodes: [String]
        var cells: [Cell]
    }
}
