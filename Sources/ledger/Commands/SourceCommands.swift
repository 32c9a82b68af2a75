import ArgumentParser
import LedgerCore

extension LedgerCommand {
    struct SourceCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "source",
            abstract: "Add, change and list the sources that make claims and give evidence.",
            subcommands: [Add.self, Edit.self, List.self, Show.self]
        )
    }
}

/// The fields `source add` and `source edit` share.
struct SourceFields: ParsableArguments {
    @Option(help: "Display name, such as \"UK Ministry of Defence\".")
    var name: String?

    @Option(help: ArgumentHelp("What kind of source it is: \(SourceKind.allCases.map(\.rawValue).joined(separator: ", ")).", valueName: "kind"))
    var kind: SourceKind?

    @Option(help: "The side or group it belongs to, such as UA, RU or UK; sources of one group do not corroborate each other.")
    var affiliation: String?

    @Option(help: ArgumentHelp("Admiralty reliability: A completely reliable … E unreliable, F cannot be judged.", valueName: "A-F"))
    var reliability: Reliability?

    @Option(help: "A web address for the source (http or https).")
    var url: String?

    @Option(help: "A note about the source.")
    var note: String?
}

extension LedgerCommand.SourceCommand {
    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add",
            abstract: "Add a source.",
            discussion: "Example: ledger source add uk-mod --name \"UK Ministry of Defence\" --kind government --affiliation UK --reliability B"
        )

        @Argument(help: "A short unique handle: lowercase letters, digits and hyphens, such as uk-mod.")
        var handle: String

        @OptionGroup var fields: SourceFields
        @OptionGroup var options: WriterOptions

        @Flag(name: .long, help: "Print the source as JSON.")
        var json = false

        func validate() throws {
            guard fields.name != nil else { throw ValidationError("Give the source a display name with --name.") }
        }

        func run() throws {
            let ledger = try options.openLedger()
            let source = try ledger.addSource(
                NewSource(
                    handle: handle, name: fields.name ?? "", kind: fields.kind ?? .other, affiliation: fields.affiliation ?? "",
                    reliability: fields.reliability ?? .F, url: fields.url, note: fields.note))
            SourceText.print(source, claimsMade: 0, evidenceGiven: 0, json: json)
        }
    }

    struct Edit: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "edit",
            abstract: "Change a source.",
            discussion: """
                A new reliability or affiliation re-derives every open claim the source touches, and the log \
                records each status that moves. Give an empty --url or --note to clear it.
                """
        )

        @Argument(help: "The source's handle.")
        var handle: String

        @OptionGroup var fields: SourceFields
        @OptionGroup var options: WriterOptions

        @Flag(name: .long, help: "Print the source as JSON.")
        var json = false

        func validate() throws {
            let changes = changes
            guard !changes.isEmpty else {
                // swift-argument-parser asks this before it names an option it does not know.
                let known = ["name", "kind", "affiliation", "reliability", "url", "note", "db", "by", "json", "help"]
                for argument in CommandLine.arguments.dropFirst() where argument.hasPrefix("--") && argument.count > 2 {
                    let name = String(argument.dropFirst(2).prefix { $0 != "=" })
                    if !known.contains(name) {
                        let near = Suggestions.nearest(to: name, among: known, limit: 1).first.map { " Did you mean --\($0)?" } ?? ""
                        throw ValidationError("Unknown option '--\(name.shown(limit: 40))'.\(near)")
                    }
                }
                throw ValidationError("Say what to change: --name, --kind, --affiliation, --reliability, --url or --note.")
            }
        }

        var changes: SourceChanges {
            SourceChanges(
                name: fields.name, kind: fields.kind, affiliation: fields.affiliation, reliability: fields.reliability,
                url: fields.url, note: fields.note)
        }

        func run() throws {
            let ledger = try options.openLedger()
            let (source, moved) = try ledger.editSourceMoving(handle, changes)
            // Say which claims the edit moved, and how.
            for move in moved { Terminal.note("\(move.claim): \(move.before.rawValue) → \(move.after.rawValue).") }
            if moved.isEmpty, changes.reliability != nil || changes.affiliation != nil {
                Terminal.note("No claim's status moved.")
            }
            let detail = try ledger.source(source.handle)
            SourceText.print(source, claimsMade: detail.claimsMade, evidenceGiven: detail.evidenceGiven, json: json)
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List the sources.")

        @OptionGroup var options: ReaderOptions

        func run() throws {
            let sources = try options.openLedger().sources()
            if options.json {
                Terminal.json(.array(sources.map(JSONShapes.source)))
                return
            }
            guard !sources.isEmpty else {
                Terminal.note("No sources yet. Add one with `ledger source add HANDLE --name NAME`.")
                return
            }
            var table = TextTable(["HANDLE", "RELIABILITY", "AFFILIATION", "KIND", "NAME"], limits: [nil, nil, 20, nil, 60])
            for source in sources {
                table.add([source.handle, source.reliability.rawValue, source.affiliation, source.kind.rawValue, source.name])
            }
            Terminal.out(table.render())
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "show", abstract: "Show one source.")

        @Argument(help: "The source's handle.")
        var handle: String

        @OptionGroup var options: ReaderOptions

        func run() throws {
            let detail = try options.openLedger().source(handle)
            if options.json {
                Terminal.json(JSONShapes.sourceDetail(detail))
            } else {
                Terminal.out(SourceText.detail(detail.source, claimsMade: detail.claimsMade, evidenceGiven: detail.evidenceGiven))
            }
        }
    }
}

enum SourceText {
    /// A source as `source add` and `source edit` print it: the JSON shape, or the detail.
    static func print(_ source: Source, claimsMade: Int, evidenceGiven: Int, json: Bool) {
        if json {
            Terminal.json(JSONShapes.source(source))
        } else {
            Terminal.out(detail(source, claimsMade: claimsMade, evidenceGiven: evidenceGiven))
        }
    }

    static func detail(_ source: Source, claimsMade: Int, evidenceGiven: Int) -> String {
        var lines = [Terminal.bold(TextTable.oneLine(source.handle)) + "  " + TextTable.oneLine(source.name)]
        var fields: [(String, String)] = [
            ("kind", source.kind.rawValue),
            ("affiliation", source.affiliation.isEmpty ? "(none: stands alone)" : source.affiliation),
            ("reliability", "\(source.reliability.rawValue) (\(source.reliability.meaning))"),
        ]
        if let url = source.url { fields.append(("url", url)) }
        if let note = source.note { fields.append(("note", note)) }
        fields.append(("claims made", String(claimsMade)))
        fields.append(("evidence given", String(evidenceGiven)))
        fields.append(("uuid", source.uuid))
        fields.append(("recorded", "\(source.recordedAt) by \(source.recordedBy)"))
        for (label, value) in fields {
            lines.append("  " + label + String(repeating: " ", count: 16 - label.count) + TextTable.oneLine(value))
        }
        return lines.joined(separator: "\n")
    }
}
