import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The build's rule against inline fully qualified names: {@code java.util.List<String> x} in
 * code hides what a file depends on; an import says it at the top. Every module runs this file
 * (as a single-file source program, from the root pom) over its own {@code src} folder.
 *
 * <p>It flags, in code, a chain of two or more lower-case names followed by a capitalized one
 * ({@code a.b.Cls}, {@code a.b.Cls.Nested}, {@code @a.b.Ann}, {@code a.b.Cls::m}). Comments,
 * string and character literals, text blocks and the import and package statements are not
 * code. A real clash of two simple names in one file (java.sql.Date and java.util.Date) may keep
 * one of them qualified, with a comment on that line that says why: {@code // fqn: <why>}.
 *
 * <p>It reads the text with a small scanner of its own instead of a parser: Checkstyle's parser
 * took over 20 s for the sql module on these machines; this takes well under a second.
 */
public final class InlineFqnCheck {
    private static final Pattern SUPPRESSION = Pattern.compile("fqn: \\S.{3,}");
    private static final Pattern PACKAGE_NAME = Pattern.compile("[a-z][a-z0-9_]*");
    private static final List<String> KEYWORDS = List.of("this", "super");

    private enum Kind { IDENT, PUNCT, LITERAL, COMMENT }

    private record Token(Kind kind, String text, int start, int end, int line) {
    }

    private InlineFqnCheck() {
    }

    public static void main(String[] args) throws IOException {
        List<String> found = new ArrayList<>();
        for (String arg : args) {
            Path root = Path.of(arg);
            if (!Files.isDirectory(root)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(root)) {
                for (Path file : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                    check(file, Files.readString(file, StandardCharsets.UTF_8), found);
                }
            }
        }
        for (String line : found) {
            System.err.println(line);
        }
        if (!found.isEmpty()) {
            System.err.println(found.size() + " inline fully qualified name(s): import the class and use its "
                    + "simple name. A clash of two simple names in one file may keep one qualified, with a "
                    + "comment on that line that says why: // fqn: <why>");
            System.exit(1);
        }
    }

    static void check(Path file, String src, List<String> found) {
        List<Token> tokens = tokenize(src);
        List<Token> code = new ArrayList<>();
        List<Integer> suppressedLines = new ArrayList<>();
        for (Token t : tokens) {
            if (t.kind() == Kind.COMMENT) {
                if (SUPPRESSION.matcher(t.text()).find()) {
                    suppressedLines.add(t.line());
                }
            } else {
                code.add(t);
            }
        }
        int depth = 0;
        for (int k = 0; k < code.size(); k++) {
            Token t = code.get(k);
            if (t.kind() == Kind.PUNCT && t.text().equals("{")) {
                depth++;
            } else if (t.kind() == Kind.PUNCT && t.text().equals("}")) {
                depth--;
            } else if (depth == 0 && t.kind() == Kind.IDENT && (t.text().equals("import") || t.text().equals("package"))) {
                while (k < code.size() && !code.get(k).text().equals(";")) {
                    k++;
                }
                continue;
            }
            if (t.kind() != Kind.IDENT || !isPackageName(t.text())
                    || k > 0 && (code.get(k - 1).text().equals(".") || code.get(k - 1).text().equals("::"))) {
                continue;
            }
            int j = k;
            int segments = 1;
            while (j + 2 < code.size() && code.get(j + 1).text().equals(".") && code.get(j + 2).kind() == Kind.IDENT) {
                String next = code.get(j + 2).text();
                if (isPackageName(next)) {
                    j += 2;
                    segments++;
                    continue;
                }
                if (segments >= 2 && Character.isUpperCase(next.charAt(0))) {
                    Token cls = code.get(j + 2);
                    if (!suppressedLines.contains(t.line()) && !suppressedLines.contains(cls.line())) {
                        StringBuilder name = new StringBuilder();
                        for (int q = k; q < j + 2; q += 2) {
                            name.append(code.get(q).text()).append('.');
                        }
                        name.append(next);
                        found.add(file + ":" + t.line() + ": inline fully qualified name " + name
                                + ": add 'import " + name + ";' and write " + next);
                    }
                    j += 2;
                }
                break;
            }
            k = j;
        }
    }

    private static boolean isPackageName(String s) {
        return PACKAGE_NAME.matcher(s).matches() && !KEYWORDS.contains(s);
    }

    static List<Token> tokenize(String src) {
        List<Token> out = new ArrayList<>();
        int n = src.length();
        int line = 1;
        int i = 0;
        while (i < n) {
            char c = src.charAt(i);
            int start = i;
            int startLine = line;
            Kind kind;
            if (c == '\n') {
                line++;
                i++;
                continue;
            } else if (Character.isWhitespace(c)) {
                i++;
                continue;
            } else if (src.startsWith("//", i)) {
                int e = src.indexOf('\n', i);
                i = e < 0 ? n : e;
                kind = Kind.COMMENT;
            } else if (src.startsWith("/*", i)) {
                int e = src.indexOf("*/", i + 2);
                i = e < 0 ? n : e + 2;
                kind = Kind.COMMENT;
            } else if (src.startsWith("\"\"\"", i)) {
                i += 3;
                while (i < n && !src.startsWith("\"\"\"", i)) {
                    i += src.charAt(i) == '\\' ? 2 : 1;
                }
                i = Math.min(i + 3, n);
                kind = Kind.LITERAL;
            } else if (c == '"' || c == '\'') {
                i++;
                while (i < n && src.charAt(i) != c && src.charAt(i) != '\n') {
                    i += src.charAt(i) == '\\' ? 2 : 1;
                }
                i = Math.min(i + 1, n);
                kind = Kind.LITERAL;
            } else if (Character.isJavaIdentifierStart(c)) {
                while (i < n && Character.isJavaIdentifierPart(src.charAt(i))) {
                    i++;
                }
                kind = Kind.IDENT;
            } else if (Character.isDigit(c)) {
                while (i < n && (Character.isLetterOrDigit(src.charAt(i)) || src.charAt(i) == '_'
                        || src.charAt(i) == '.' && i + 1 < n && Character.isDigit(src.charAt(i + 1)))) {
                    i++;
                }
                kind = Kind.LITERAL;
            } else if (src.startsWith("::", i)) {
                i += 2;
                kind = Kind.PUNCT;
            } else {
                i++;
                kind = Kind.PUNCT;
            }
            for (int p = start; p < i; p++) {
                if (src.charAt(p) == '\n') {
                    line++;
                }
            }
            out.add(new Token(kind, src.substring(start, i), start, i, startLine));
        }
        return out;
    }
}
