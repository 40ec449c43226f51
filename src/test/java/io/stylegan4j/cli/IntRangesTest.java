package io.stylegan4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IntRangesTest {
    @Test
    void parsesRangesAndSinglesInOrder() {
        assertEquals(List.of(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 42L, 100L, 101L, 102L),
                IntRanges.parseSeeds("0-7,42,100-102"));
    }

    @Test
    void keepsDuplicatesAndGivenOrder() {
        assertEquals(List.of(5L, 1L, 2L, 5L), IntRanges.parseSeeds("5, 1-2 ,5"));
    }

    @Test
    void acceptsSeedBoundsAndSingletonRanges() {
        assertEquals(List.of(0L, 4294967295L), IntRanges.parseSeeds("0,4294967295"));
        assertEquals(List.of(9L), IntRanges.parseSeeds("9-9"));
    }

    @Test
    void negativeNumbersWorkWhenAllowed() {
        assertEquals(List.of(-2L, -1L, 0L), IntRanges.parse("-2-0", -5, 5));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "1,,2", "1,", ",1", "7-3", "abc", "1-x", "1.5", "4294967296", "-1", "1-2-3",
        "0-4294967296"})
    void rejectsBadInputWithOneLineMessage(String text) {
        var e = assertThrows(IntRanges.ParseException.class, () -> IntRanges.parseSeeds(text));
        assertFalse(e.getMessage().contains("\n"));
        assertFalse(e.getMessage().isBlank());
    }

    @Test
    void messagesSayWhatToDo() {
        assertTrue(assertThrows(IntRanges.ParseException.class, () -> IntRanges.parseSeeds("7-3"))
                .getMessage().contains("3-7"));
        assertTrue(assertThrows(IntRanges.ParseException.class, () -> IntRanges.parseSeeds("1,,2"))
                .getMessage().contains("comma"));
    }

    @Test
    void refusesHugeExpansions() {
        assertThrows(IntRanges.ParseException.class, () -> IntRanges.parseSeeds("0-4294967295"));
    }
}
