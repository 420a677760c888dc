package io.eksid.model.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PolicySizeTest {

    @Test
    void countsCharactersOutsideWhiteSpaceButKeepsSpacesInsideValues() {
        PolicySize s = PolicySize.measure("{ \"a\" :\n\t\"b c\" }", 10);
        assertThat(s.characters()).isEqualTo(1 + 3 + 1 + 5 + 1);
        assertThat(s.fits()).isFalse();
        assertThat(s.overBy()).isEqualTo(1);
        assertThat(s.ratio()).isEqualTo(1.1);
        assertThat(s.describe()).isEqualTo("11 of 10 characters (1 over)");
    }

    @Test
    void escapedQuotesDoNotEndAString() {
        assertThat(PolicySize.measure("{\"a\":\"x\\\" y\"}", 2048).characters()).isEqualTo(13);
    }

    @Test
    void measuresTheDecodedFormOfAnEncodedDocument() {
        assertThat(PolicySize.measure("%7B%22a%22%3A1%7D", 2048).characters()).isEqualTo(7);
        assertThat(PolicySize.measure("{\"é\":\"😀\"}", 2048).characters()).isEqualTo(9);
    }

    @Test
    void exactlyAtTheQuotaFits() {
        assertThat(new PolicySize(2048, 2048).fits()).isTrue();
        assertThat(new PolicySize(2049, 2048).overBy()).isEqualTo(1);
        assertThatThrownBy(() -> new PolicySize(1, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
