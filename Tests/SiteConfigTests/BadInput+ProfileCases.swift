/// Mistakes inside a profile: the diagnostic points into the profile file.
extension BadInput {
    static func profileCase(_ name: String, _ profile: String, line: Int, column: Int, _ message: String) -> BadInput {
        BadInput(name: name, site: customProfileSite(), profile: profile, file: "custom.yaml", line: line, column: column, message: message)
    }

    static let profileCases: [BadInput] = [
        profileCase(
            "bool in a register table", profile("  - { id: p, table: input_register, address: 0, type: bool }"),
            line: 3, column: 55, "type 'bool' is only for coil and discrete_input points"
        ),
        profileCase(
            "u16 in a bit table", profile("  - { id: p, table: discrete_input, address: 0, type: u16 }"),
            line: 3, column: 55, "type 'u16' needs a register table"
        ),
        profileCase(
            "bit point without bit", profile("  - { id: p, table: input_register, address: 0, type: bit }"),
            line: 3, column: 5, "a point of type 'bit' needs 'bit: 0–15'"
        ),
        profileCase(
            "bit on a u16 point", profile("  - { id: p, table: input_register, address: 0, bit: 3 }"),
            line: 3, column: 49, "'bit' is only allowed with 'type: bit'"
        ),
        profileCase(
            "word order on a 16-bit point", profile("  - { id: p, table: input_register, address: 0, word_order: low_first }"),
            line: 3, column: 49, "'word_order' is only for 32-bit types"
        ),
        profileCase(
            "overlapping registers",
            profile("  - { id: a, table: input_register, address: 1, type: f32 }", "  - { id: b, table: input_register, address: 2 }"),
            line: 4, column: 46, "point 'b' (input_register 2) overlaps point 'a' (input_register 1–2) at line 3"
        ),
        profileCase(
            "one bit twice",
            profile(
                "  - { id: a, table: input_register, address: 0, type: bit, bit: 1 }",
                "  - { id: b, table: input_register, address: 0, type: bit, bit: 1 }"
            ),
            line: 4, column: 65, "bit 1 of input_register 0 is already read by point 'a' at line 3"
        ),
        profileCase(
            "two-digit Contact ID", profile(#"  - { id: p, table: coil, address: 0, event: alarm.panic, cid: "12" }"#),
            line: 3, column: 64, "'cid' must be a Contact ID event code of exactly 3 digits"
        ),
        profileCase(
            "capitalised event kind", profile("  - { id: p, table: coil, address: 0, event: Alarm.Panic }"),
            line: 3, column: 46, "event 'Alarm.Panic' is not an event kind"
        ),
        profileCase(
            "event on a numeric point", profile("  - { id: p, table: holding_register, address: 0, event: alarm.x }"),
            line: 3, column: 51, "'event' is only for bool and bit points"
        ),
        profileCase(
            "profile named unlike its file", "profile: other\npoints:\n  - { id: p, table: coil, address: 0 }\n",
            line: 1, column: 10, "profile 'other' must be named like its file: write 'profile: custom'"
        ),
        profileCase(
            "duplicate point id",
            profile("  - { id: p, table: coil, address: 0 }", "  - { id: p, table: coil, address: 1 }"),
            line: 4, column: 11, "point id 'p' is already used at line 3"
        ),
        profileCase(
            "32-bit value past the last register", profile("  - { id: p, table: input_register, address: 65535, type: u32 }"),
            line: 3, column: 46, "type 'u32' at address 65535 spans 2 registers and runs past the last address 65535"
        ),
        profileCase(
            "misspelt point key", profile("  - { id: p, table: coil, adress: 0 }"),
            line: 3, column: 27, "unknown key 'adress' in point; did you mean 'address'?"
        ),
        profileCase(
            "cid without an event", profile(#"  - { id: p, table: coil, address: 0, cid: "120" }"#),
            line: 3, column: 39, "'cid' only applies to points with an 'event'"
        ),
        profileCase(
            "profile with no points", "profile: custom\npoints: []\n",
            line: 2, column: 9, "'points' must list at least one point"
        ),
    ]
}
