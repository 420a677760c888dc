package io.eksid.model.trust;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Jackson's syntax errors said the way a policy author reads them: {@code line 3, column 14} and what was expected
 * there ("expected ',' or '}' but found ']'"), the offending character taken from the text at Jackson's location.
 * A message this class does not know keeps Jackson's own wording, which is specific too.
 */
final class PolicySyntaxErrors {

    private static final Pattern TOKEN = Pattern.compile("^Unrecognized token '(.*)': was expecting");
    private static final Pattern NON_STANDARD = Pattern.compile("^Non-standard token '(.*?)'");
    private static final Pattern CLOSE_MARKER = Pattern.compile("^Unexpected close marker '(.)': expected '(.)'");
    private static final Pattern NUMBER = Pattern.compile("(?:^Invalid numeric value|in numeric value): (.*?)(?::.*)?$");
    private static final Pattern SOURCE = Pattern.compile("\\s*\\((?:start marker at|for \\w+ starting at) \\[.*$");

    private PolicySyntaxErrors() {
    }

    static PolicyParseException at(JsonLocation location, String problem) {
        return new PolicyParseException("line " + location.getLineNr() + ", column " + location.getColumnNr(),
                problem);
    }

    /** An error at a character offset of {@code text}. */
    static PolicyParseException at(String text, int offset, String problem) {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < offset; i++) {
            if (text.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return new PolicyParseException("line " + line + ", column " + (offset - lineStart + 1), problem);
    }

    /** The character at {@code offset} as a message shows it: itself, U+XXXX for a control one, or the end. */
    static String describe(String text, int offset) {
        if (offset < 0 || offset >= text.length()) {
            return "end of document";
        }
        char c = text.charAt(offset);
        return c < 0x20 ? String.format("U+%04X", (int) c) : String.valueOf(c);
    }

    static PolicyParseException translate(String text, JsonProcessingException e) {
        JsonLocation location = e.getLocation();
        String message = e.getOriginalMessage();
        if (location == null) {
            return new PolicyParseException("document", message);
        }
        int offset = (int) location.getCharOffset();
        String found = describe(text, offset);
        JsonParser parser = e.getProcessor() instanceof JsonParser p ? p : null;
        String name = parser == null ? null : parser.getParsingContext().getCurrentName();
        if (message.startsWith("Duplicate field") && name != null) {
            return duplicate(text, location, name);
        }
        Matcher m;
        String problem;
        if (message.contains("was expecting double-quote to start field name")) {
            problem = "expected a quoted key, found '" + found + "'";
        } else if (message.contains("was expecting comma to separate Object entries")) {
            problem = "expected ',' or '}' but found '" + found + "'";
        } else if (message.contains("was expecting comma to separate Array entries")) {
            problem = "expected ',' or ']' but found '" + found + "'";
        } else if (message.contains("was expecting a colon to separate field name and value")) {
            problem = "expected ':' after the key \"" + name + "\", found '" + found + "'";
        } else if ((m = TOKEN.matcher(message)).find()) {
            // Jackson reports the end of the word; the author looks for its start.
            String word = m.group(1);
            problem = "unexpected '" + word + "' where a JSON value was expected (strings must be in double quotes)";
            int start = offset - word.length();
            if (start >= 0 && text.startsWith(word, start)) {
                return at(text, start, problem);
            }
        } else if (message.contains("expected a value") || message.contains("expected a valid value")) {
            problem = "unexpected '" + found + "' where a JSON value was expected";
        } else if ((m = NON_STANDARD.matcher(message)).find()) {
            problem = "unexpected '" + m.group(1) + "' where a JSON value was expected (JSON has no NaN or Infinity)";
        } else if ((m = CLOSE_MARKER.matcher(message)).find()) {
            problem = "unexpected '" + m.group(1) + "': the open " + (m.group(2).equals("]") ? "array" : "object")
                    + " must first be closed with '" + m.group(2) + "'";
        } else if (message.contains("was expecting closing quote for a string value")) {
            problem = "the document ends inside a string (missing closing quote)";
        } else if (message.startsWith("Unexpected end-of-input in character escape")) {
            problem = "the document ends inside an escape sequence";
        } else if (message.startsWith("Unexpected end-of-input")) {
            problem = parser != null && parser.getParsingContext().inArray()
                    ? "the document ends inside an array (missing ']')"
                    : "the document ends inside an object (missing '}')";
        } else if (message.startsWith("Illegal unquoted character")) {
            problem = found.equals("U+000A") ? "a string is not closed before the end of the line"
                    : "control character " + found + " must be escaped in a string";
        } else if (message.startsWith("Unrecognized character escape")) {
            problem = "invalid escape '\\" + found + "' in a string";
        } else if (message.contains("expected a hex-digit for character escape sequence")) {
            problem = "invalid \\u escape: '" + found + "' is not a hex digit";
        } else if ((m = NUMBER.matcher(message)).find()) {
            String detail = m.group(1);
            problem = "invalid number: " + Character.toLowerCase(detail.charAt(0)) + detail.substring(1);
        } else {
            problem = SOURCE.matcher(message).replaceFirst("");
        }
        return at(location, problem);
    }

    /**
     * Jackson reports a duplicate just after the key's closing quote; the error points at the key's opening quote,
     * found by walking back over the key (which cannot span lines: a raw newline is illegal in a string).
     */
    private static PolicyParseException duplicate(String text, JsonLocation location, String name) {
        int end = (int) location.getCharOffset() - 1;
        int start = end - 1;
        while (start >= 0 && !(text.charAt(start) == '"' && backslashesBefore(text, start) % 2 == 0)) {
            start--;
        }
        String problem = "duplicate key \"" + name + "\" in the same object";
        if (end < 0 || end >= text.length() || text.charAt(end) != '"' || start < 0) {
            return at(location, problem);
        }
        return new PolicyParseException("line " + location.getLineNr() + ", column "
                + (location.getColumnNr() - (location.getCharOffset() - start)), problem);
    }

    private static int backslashesBefore(String text, int index) {
        int n = 0;
        while (index - 1 - n >= 0 && text.charAt(index - 1 - n) == '\\') {
            n++;
        }
        return n;
    }
}
