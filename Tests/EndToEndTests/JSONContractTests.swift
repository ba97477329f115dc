import Foundation
import XCTest

/// Every command's JSON against docs/JSON.md, both ways: every documented key there (unless
/// optional), every key documented, every value of its documented type.
final class JSONContractTests: DeskTestCase {
    /// A JSON value as parsed, keeping integers, fractions and booleans apart.
    indirect enum Value: Decodable {
        case null, bool(Bool), integer(Int64), number(Double), string(String), array([Value]), object([String: Value])

        init(from decoder: Decoder) throws {
            let container = try decoder.singleValueContainer()
            if container.decodeNil() { self = .null }
            else if let value = try? container.decode(Bool.self) { self = .bool(value) }
            else if let value = try? container.decode(Int64.self) { self = .integer(value) }
            else if let value = try? container.decode(Double.self) { self = .number(value) }
            else if let value = try? container.decode(String.self) { self = .string(value) }
            else if let value = try? container.decode([Value].self) { self = .array(value) }
            else { self = .object(try container.decode([String: Value].self)) }
        }
    }

    struct Contract {
        var types: [String: Any] = [:]
        var commands: [(args: [String], schema: Any)] = []
    }

    /// The named types and the command schemas of docs/JSON.md.
    static func contract() throws -> Contract {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let text = try String(contentsOf: root.appendingPathComponent("docs/JSON.md"), encoding: .utf8)
        var contract = Contract()
        var command: [String]?
        var block: (name: String, lines: [String])?
        for line in text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            if var current = block {
                if line == "```" {
                    let schema = try JSONSerialization.jsonObject(with: Data(current.lines.joined(separator: "\n").utf8), options: .fragmentsAllowed)
                    if current.name == "schema" {
                        guard let args = command else { throw ContractError("a schema without a command heading before it") }
                        contract.commands.append((args, schema))
                        command = nil
                    } else {
                        contract.types[current.name] = schema
                    }
                    block = nil
                } else {
                    current.lines.append(line)
                    block = current
                }
            } else if line.hasPrefix("```json ") {
                block = (String(line.dropFirst("```json ".count)), [])
            } else if line.hasPrefix("### `gitdesk "), line.hasSuffix("`") {
                command = line.dropFirst("### `gitdesk ".count).dropLast().split(separator: " ").map(String.init)
            }
        }
        return contract
    }

    struct ContractError: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }

    /// What is wrong with `value` against `schema`, each with its path.
    static func problems(_ value: Value, _ schema: Any, at path: String, types: [String: Any]) -> [String] {
        switch (schema, value) {
        case (let name as String, _):
            if let named = types[name] { return problems(value, named, at: path, types: types) }
            switch (name, value) {
            case ("string", .string), ("integer", .integer), ("number", .integer), ("number", .number), ("boolean", .bool): return []
            case ("day", .string(let text)) where text.range(of: #"^\d{4}-\d{2}-\d{2}$"#, options: .regularExpression) != nil: return []
            case ("time", .string(let text)) where text.range(of: #"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$"#, options: .regularExpression) != nil:
                return []
            case ("money", .object(let fields)):
                guard case .string(let amount)? = fields["amount"], case .integer(let minor)? = fields["minor"],
                      case .string(let currency)? = fields["currency"], fields.count == 3 else { return ["\(path): money must be {amount, currency, minor}"] }
                let digits = amount.replacingOccurrences(of: ".", with: "")
                return Int64(digits) == minor && amount.split(separator: ".").last?.count == 2 && currency.count == 3
                    ? [] : ["\(path): money \(amount) \(currency) does not agree with minor \(minor)"]
            default: return ["\(path): \(value) is not a \(name)"]
            }
        case (let items as [Any], .array(let elements)):
            guard items.count == 1 else { return ["\(path): a schema array has one element"] }
            return elements.enumerated().flatMap { problems($1, items[0], at: "\(path)[\($0)]", types: types) }
        case (let keys as [String: Any], .object(let fields)):
            if let any = keys["*"] { return fields.sorted { $0.key < $1.key }.flatMap { problems($1, any, at: "\(path).\($0)", types: types) } }
            var found: [String] = []
            var documented = Set<String>()
            for (key, type) in keys.sorted(by: { $0.key < $1.key }) {
                let optional = key.hasSuffix("?"), name = optional ? String(key.dropLast()) : key
                documented.insert(name)
                switch fields[name] {
                case nil, .null?: if !optional { found.append("\(path).\(name): missing") }
                case let field?: found += problems(field, type, at: "\(path).\(name)", types: types)
                }
            }
            found += fields.keys.filter { !documented.contains($0) }.sorted().map { "\(path).\($0): not in docs/JSON.md" }
            return found
        default:
            return ["\(path): \(value) does not have the documented shape"]
        }
    }

    func testEveryCommandsJSONIsWhatDocsJSONSays() throws {
        let contract = try Self.contract()
        XCTAssertGreaterThanOrEqual(contract.commands.count, 15)
        try makeDemoDesk()
        // A seal, so that audit's seals are there to check; mail from a stranger, for triage.
        try gitdesk("close", "2026-10")
        try write("stranger.eml", "From: Pavel <pavel@new.example>\nSubject: Hello\nDate: Sat, 28 Nov 2026 10:15:00 +0300\n\nA question\n", in: root)
        try gitdesk("ingest", "email", root + "/stranger.eml")
        let list = try JSONDecoder().decode([[String: Value]].self, from: Data(try gitdesk("list", "--json").out.utf8))
        guard case .string(let ticket)? = list.first?["id"] else { return XCTFail("no ticket in the demo desk") }
        var checked = Set<String>()
        for (args, schema) in contract.commands {
            // `sla` and `remind` exit 1 when something is overdue or due, as they do on the demo desk.
            let result = try run(Self.binary, args.map { $0 == "TICKET" ? ticket : $0 })
            XCTAssertTrue(result.code == 0 || (["sla", "remind"].contains(args[0]) && result.code == 1), "\(args): \(result.err)")
            let output = result.out
            let value = try JSONDecoder().decode(Value.self, from: Data(output.utf8))
            let found = Self.problems(value, schema, at: args.prefix(2).joined(separator: " "), types: contract.types)
            XCTAssertEqual(found, [], "gitdesk \(args.joined(separator: " "))")
            checked.insert(args[0])
        }
        // Every read command is documented.
        XCTAssertEqual(checked, ["balance", "statement", "export", "report", "plan", "list", "show", "sla", "remind", "search", "wiki", "audit", "check", "triage", "dashboard",
                                  "client", "staff", "project", "dispute", "act", "invoice", "debts"])

        // Findings, from a desk with a problem committed past the hook.
        try write("ledger/romashka.md", try read("ledger/romashka.md") + "- 2026-11-31 payment 5 Not a day\n")
        try git("commit", "-q", "--no-verify", "-am", "bad")
        let check = try XCTUnwrap(contract.commands.first { $0.args.first == "check" })
        let value = try JSONDecoder().decode(Value.self, from: Data(try gitdesk("check", "--json", code: 1).out.utf8))
        XCTAssertEqual(Self.problems(value, check.schema, at: "check", types: contract.types), [])
        guard case .object(let report) = value, case .array(let findings)? = report["findings"] else { return XCTFail("no findings") }
        XCTAssertFalse(findings.isEmpty)
    }

    /// The checker itself catches what it should.
    func testTheCheckerRejectsWhatTheDocsDoNotSay() throws {
        func value(_ json: String) throws -> Value { try JSONDecoder().decode(Value.self, from: Data(json.utf8)) }
        let schema: [String: Any] = ["a": "integer", "b?": "money", "c": ["day"]]
        XCTAssertEqual(Self.problems(try value(#"{"a": 1, "c": ["2026-11-03"]}"#), schema, at: "x", types: [:]), [])
        XCTAssertEqual(Self.problems(try value(#"{"a": 1, "b": {"amount": "1.50", "currency": "RUB", "minor": 150}, "c": []}"#), schema, at: "x", types: [:]), [])
        XCTAssertFalse(Self.problems(try value(#"{"a": 1.5, "c": []}"#), schema, at: "x", types: [:]).isEmpty)
        XCTAssertFalse(Self.problems(try value(#"{"a": true, "c": []}"#), schema, at: "x", types: [:]).isEmpty)
        XCTAssertFalse(Self.problems(try value(#"{"c": []}"#), schema, at: "x", types: [:]).isEmpty)
        XCTAssertFalse(Self.problems(try value(#"{"a": 1, "c": [], "d": 2}"#), schema, at: "x", types: [:]).isEmpty)
        XCTAssertFalse(Self.problems(try value(#"{"a": 1, "c": ["03.11.2026"]}"#), schema, at: "x", types: [:]).isEmpty)
        XCTAssertFalse(Self.problems(try value(#"{"a": 1, "b": {"amount": "1.50", "currency": "RUB", "minor": 151}, "c": []}"#), schema, at: "x", types: [:]).isEmpty)
        XCTAssertFalse(Self.problems(try value(#"{"a": 1, "b": 150, "c": []}"#), schema, at: "x", types: [:]).isEmpty)
    }
}
