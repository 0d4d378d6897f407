package dev.bisync.mysql.internal;

import java.util.ArrayList;
import java.util.List;

/** The members of an ENUM or SET column type as the server prints it: {@code enum('a','it''s','back\\slash')}. */
final class SqlStringList {

    private SqlStringList() {
    }

    static List<String> parse(String columnType) {
        List<String> members = new ArrayList<>();
        int i = columnType.indexOf('(') + 1;
        while (i < columnType.length() && columnType.charAt(i) == '\'') {
            StringBuilder member = new StringBuilder();
            i++;
            while (true) {
                char c = columnType.charAt(i);
                if (c == '\'' && i + 1 < columnType.length() && columnType.charAt(i + 1) == '\'') {
                    member.append('\'');
                    i += 2;
                } else if (c == '\'') {
                    i++;
                    break;
                } else if (c == '\\') {
                    member.append(unescape(columnType.charAt(i + 1)));
                    i += 2;
                } else {
                    member.append(c);
                    i++;
                }
            }
            members.add(member.toString());
            if (i < columnType.length() && columnType.charAt(i) == ',') {
                i++;
            }
        }
        return members;
    }

    private static char unescape(char c) {
        return switch (c) {
            case 'n' -> '\n';
            case 't' -> '\t';
            case 'r' -> '\r';
            case '0' -> '\0';
            default -> c;
        };
    }
}
