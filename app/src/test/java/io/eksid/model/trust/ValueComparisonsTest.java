package io.eksid.model.trust;

import static org.assertj.core.api.Assertions.assertThat;

import io.eksid.model.trust.ConditionOperator.Base;
import org.junit.jupiter.api.Test;

/** The Numeric, Date, IpAddress and Binary operator families (IAM docs, "Condition operators"). */
class ValueComparisonsTest {

    @Test
    void numbersCompareByValue() {
        assertThat(ValueComparisons.matches(Base.NumericEquals, "10", "10.0")).isTrue();
        assertThat(ValueComparisons.matches(Base.NumericLessThan, "9", "10")).isTrue();
        assertThat(ValueComparisons.matches(Base.NumericLessThan, "10", "10")).isFalse();
        assertThat(ValueComparisons.matches(Base.NumericGreaterThanEquals, "10", "10")).isTrue();
        assertThat(ValueComparisons.matches(Base.NumericLessThan, "ten", "10")).isFalse();
    }

    @Test
    void datesTakeIso8601AndEpochSeconds() {
        assertThat(ValueComparisons.matches(Base.DateLessThan, "2026-01-01T00:00:00Z", "2026-01-02")).isTrue();
        assertThat(ValueComparisons.matches(Base.DateEquals, "1767225600", "2026-01-01T00:00:00Z")).isTrue();
        assertThat(ValueComparisons.matches(Base.DateGreaterThan, "2026-01-01T01:00:00+02:00",
                "2026-01-01T00:00:00Z")).isFalse();
    }

    @Test
    void addressesInCidrBlocks() {
        assertThat(ValueComparisons.inCidr("10.1.2.3", "10.0.0.0/8")).isTrue();
        assertThat(ValueComparisons.inCidr("11.1.2.3", "10.0.0.0/8")).isFalse();
        assertThat(ValueComparisons.inCidr("192.0.2.7", "192.0.2.7")).isTrue();
        assertThat(ValueComparisons.inCidr("2001:db8:0:0:0:0:0:1", "2001:db8::/32")).isTrue();
        assertThat(ValueComparisons.inCidr("2001:db9::1", "2001:db8::/32")).isFalse();
        assertThat(ValueComparisons.inCidr("::ffff:10.0.0.1", "::ffff:10.0.0.0/104")).isTrue();
        assertThat(ValueComparisons.inCidr("::1", "::1/128")).isTrue();
        // an IPv4 address is never in an IPv6 block, and garbage matches nothing
        assertThat(ValueComparisons.inCidr("10.0.0.1", "::/0")).isFalse();
        assertThat(ValueComparisons.inCidr("10.0.0.256", "10.0.0.0/8")).isFalse();
        assertThat(ValueComparisons.inCidr("1:2:3", "::/0")).isFalse();
        assertThat(ValueComparisons.inCidr("10.0.0.1", "10.0.0.0/33")).isFalse();
    }

    @Test
    void binaryComparesTheDecodedBytes() {
        assertThat(ValueComparisons.matches(Base.BinaryEquals, "aGVsbG8=", "aGVsbG8=")).isTrue();
        assertThat(ValueComparisons.matches(Base.BinaryEquals, "aGVsbG8=", "d29ybGQ=")).isFalse();
        assertThat(ValueComparisons.matches(Base.BinaryEquals, "not base64!", "not base64!")).isFalse();
    }
}
