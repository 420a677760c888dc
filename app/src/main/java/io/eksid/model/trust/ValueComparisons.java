package io.eksid.model.trust;

import io.eksid.model.trust.ConditionOperator.Base;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;

/**
 * The non-string operator families of the IAM docs ("Condition operators"): Numeric (integers and decimals),
 * Date (ISO 8601 dates and times, or epoch seconds), IpAddress (IPv4 and IPv6 CIDR blocks; an address without a
 * prefix is one address) and BinaryEquals (base-64 values compared byte for byte). A value either side that is
 * not of the operator's type matches nothing, as IAM treats a comparison it cannot make as false.
 *
 * <p>Addresses are parsed by hand: the model stays free of {@code java.net}.
 */
final class ValueComparisons {

    private ValueComparisons() {
    }

    /** Whether the request value {@code actual} compares as the operator says with the policy value. */
    static boolean matches(Base op, String actual, String policyValue) {
        return switch (op.kind) {
            case NUMERIC -> number(actual).flatMap(a -> number(policyValue).map(p -> order(op, a.compareTo(p))))
                    .orElse(false);
            case DATE -> date(actual).flatMap(a -> date(policyValue).map(p -> order(op, a.compareTo(p))))
                    .orElse(false);
            case IP -> inCidr(actual, policyValue);
            case BINARY -> binary(actual).flatMap(a -> binary(policyValue).map(p -> Arrays.equals(a, p)))
                    .orElse(false);
            default -> throw new IllegalArgumentException(op + " is not a value comparison");
        };
    }

    /** Negated operators (NumericNotEquals, DateNotEquals) are asked "equal?" and negated by the caller. */
    private static boolean order(Base op, int cmp) {
        String n = op.name();
        if (n.endsWith("LessThanEquals")) {
            return cmp <= 0;
        }
        if (n.endsWith("LessThan")) {
            return cmp < 0;
        }
        if (n.endsWith("GreaterThanEquals")) {
            return cmp >= 0;
        }
        if (n.endsWith("GreaterThan")) {
            return cmp > 0;
        }
        return cmp == 0;
    }

    static Optional<BigDecimal> number(String s) {
        try {
            return Optional.of(new BigDecimal(s.strip()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** ISO 8601 (date, date-time with offset or Z) or epoch seconds, as IAM's Date operators accept. */
    static Optional<Instant> date(String s) {
        String t = s.strip();
        if (t.matches("-?\\d+")) {
            try {
                return Optional.of(Instant.ofEpochSecond(Long.parseLong(t)));
            } catch (NumberFormatException | java.time.DateTimeException e) {
                return Optional.empty();
            }
        }
        try {
            return Optional.of(OffsetDateTime.parse(t).toInstant());
        } catch (DateTimeParseException e) {
            // next form
        }
        try {
            return Optional.of(Instant.parse(t));
        } catch (DateTimeParseException e) {
            // next form
        }
        try {
            return Optional.of(LocalDate.parse(t).atStartOfDay().toInstant(ZoneOffset.UTC));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static Optional<byte[]> binary(String s) {
        try {
            return Optional.of(Base64.getDecoder().decode(s.strip()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Whether address {@code ip} lies in {@code cidr} ("10.0.0.0/8", "2001:db8::/32", or a single address). */
    static boolean inCidr(String ip, String cidr) {
        String block = cidr.strip();
        int slash = block.indexOf('/');
        byte[] net = address(slash < 0 ? block : block.substring(0, slash));
        byte[] addr = address(ip.strip());
        if (net == null || addr == null || net.length != addr.length) {
            return false;
        }
        int bits = net.length * 8;
        if (slash >= 0) {
            try {
                bits = Integer.parseInt(block.substring(slash + 1));
            } catch (NumberFormatException e) {
                return false;
            }
            if (bits < 0 || bits > net.length * 8) {
                return false;
            }
        }
        for (int i = 0; i < bits; i++) {
            int mask = 0x80 >> (i % 8);
            if ((net[i / 8] & mask) != (addr[i / 8] & mask)) {
                return false;
            }
        }
        return true;
    }

    /** The bytes of an IPv4 (4) or IPv6 (16) address, or null when it is neither. */
    static byte[] address(String s) {
        return s.indexOf(':') >= 0 ? ipv6(s) : ipv4(s);
    }

    private static byte[] ipv4(String s) {
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        byte[] out = new byte[4];
        for (int i = 0; i < 4; i++) {
            if (!parts[i].matches("\\d{1,3}")) {
                return null;
            }
            int v = Integer.parseInt(parts[i]);
            if (v > 255) {
                return null;
            }
            out[i] = (byte) v;
        }
        return out;
    }

    private static byte[] ipv6(String s) {
        String t = s.toLowerCase(Locale.ROOT);
        int dbl = t.indexOf("::");
        if (dbl >= 0 && t.indexOf("::", dbl + 1) >= 0) {
            return null;
        }
        String head = dbl >= 0 ? t.substring(0, dbl) : t;
        String tail = dbl >= 0 ? t.substring(dbl + 2) : "";
        int[] h = groups(head);
        int[] tl = groups(tail);
        if (h == null || tl == null) {
            return null;
        }
        int total = h.length + tl.length;
        if ((dbl < 0 && total != 8) || (dbl >= 0 && total > 7)) {
            return null;
        }
        int[] all = new int[8];
        System.arraycopy(h, 0, all, 0, h.length);
        System.arraycopy(tl, 0, all, 8 - tl.length, tl.length);
        byte[] out = new byte[16];
        for (int i = 0; i < 8; i++) {
            out[2 * i] = (byte) (all[i] >> 8);
            out[2 * i + 1] = (byte) all[i];
        }
        return out;
    }

    /** Colon-separated hex groups; a trailing dotted IPv4 part counts as two groups. */
    private static int[] groups(String s) {
        if (s.isEmpty()) {
            return new int[0];
        }
        String[] parts = s.split(":", -1);
        int n = parts.length;
        boolean v4 = parts[n - 1].indexOf('.') >= 0;
        int[] out = new int[v4 ? n + 1 : n];
        for (int i = 0; i < n; i++) {
            String p = parts[i];
            if (v4 && i == n - 1) {
                byte[] b = ipv4(p);
                if (b == null) {
                    return null;
                }
                out[i] = ((b[0] & 0xff) << 8) | (b[1] & 0xff);
                out[i + 1] = ((b[2] & 0xff) << 8) | (b[3] & 0xff);
                continue;
            }
            if (!p.matches("[0-9a-f]{1,4}")) {
                return null;
            }
            out[i] = Integer.parseInt(p, 16);
        }
        return out;
    }
}
