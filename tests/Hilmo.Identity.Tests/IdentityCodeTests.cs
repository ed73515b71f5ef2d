using Hilmo.Notifications;

namespace Hilmo.Identity.Tests;

public sealed class IdentityCodeTests
{
    private static readonly char[] centurySigns = ['+', '-', 'Y', 'X', 'W', 'V', 'U', 'A', 'B', 'C', 'D', 'E', 'F'];

    [Theory]
    [InlineData("131052-308T", 1952, Sex.Female, false)]
    [InlineData("131052+308T", 1852, Sex.Female, false)]
    [InlineData("010101-123N", 1901, Sex.Male, false)]
    [InlineData("210911+0785", 1811, Sex.Female, false)]
    [InlineData("010594Y9032", 1994, Sex.Male, true)]
    [InlineData("020594X903P", 1994, Sex.Male, true)]
    [InlineData("030594W903B", 1994, Sex.Male, true)]
    [InlineData("040594V9030", 1994, Sex.Male, true)]
    [InlineData("050594U903M", 1994, Sex.Male, true)]
    [InlineData("010516B903X", 2016, Sex.Male, true)]
    [InlineData("020516C903K", 2016, Sex.Male, true)]
    [InlineData("030516D9037", 2016, Sex.Male, true)]
    [InlineData("010501E9032", 2001, Sex.Male, true)]
    [InlineData("020503F9037", 2003, Sex.Male, true)]
    [InlineData("020504A902E", 2004, Sex.Female, true)]
    [InlineData("020504B904H", 2004, Sex.Female, true)]
    [InlineData("300111A9001", 2011, Sex.Female, true)]
    [InlineData("211123A965F", 2023, Sex.Male, true)]
    public void Every_valid_example_of_the_specification_parses_with_its_birth_year_sex_and_temporariness(
        string text, int birthYear, Sex sex, bool temporary)
    {
        Assert.Equal(ReferenceIdentityCodes.CheckCharacterOf(text), text[10]);

        var result = IdentityCode.Parse(text);

        Assert.True(result.Success, result.ToString());
        var code = result.Value;
        Assert.Equal(birthYear, code.BirthYear);
        Assert.Equal(birthYear, code.BirthDate.Year);
        Assert.Equal(int.Parse(text[..2], System.Globalization.CultureInfo.InvariantCulture), code.BirthDate.Day);
        Assert.Equal(int.Parse(text[2..4], System.Globalization.CultureInfo.InvariantCulture), code.BirthDate.Month);
        Assert.Equal(sex, code.Sex);
        Assert.Equal(temporary, code.IsTemporary);
        Assert.Equal(text, code.Reveal());
    }

    [Theory]
    [InlineData("010190-999K")]
    [InlineData("010190Y999K")]
    [InlineData("010190-999X")]
    [InlineData("010190-999Y")]
    public void Every_invalid_example_of_the_specification_is_refused_for_its_check_character(string text)
    {
        Assert.Equal(IdentityCodeError.CheckCharacter, IdentityCode.Parse(text).Error);
    }

    [Fact]
    public void The_invalid_examples_become_valid_with_the_check_character_the_specification_names()
    {
        Assert.True(IdentityCode.Parse("010190-999W").Success);
        Assert.True(IdentityCode.Parse("010190Y999W").Success);
    }

    [Theory]
    [InlineData('Y')]
    [InlineData('X')]
    [InlineData('W')]
    [InlineData('V')]
    [InlineData('U')]
    public void The_2023_signs_of_the_1900s_give_the_same_birth_date_as_the_hyphen(char sign)
    {
        var hyphen = IdentityCode.Parse(ReferenceIdentityCodes.WithCheckCharacter("170885-456")).Value;
        var other = IdentityCode.Parse(ReferenceIdentityCodes.WithCheckCharacter($"170885{sign}456")).Value;

        Assert.Equal(new DateOnly(1985, 8, 17), other.BirthDate);
        Assert.Equal(hyphen.BirthDate, other.BirthDate);
        Assert.Equal(hyphen.Sex, other.Sex);
    }

    [Theory]
    [InlineData('A')]
    [InlineData('B')]
    [InlineData('C')]
    [InlineData('D')]
    [InlineData('E')]
    [InlineData('F')]
    public void Every_sign_of_the_2000s_gives_a_birth_date_in_the_2000s(char sign)
    {
        var code = IdentityCode.Parse(ReferenceIdentityCodes.WithCheckCharacter($"170815{sign}457")).Value;

        Assert.Equal(new DateOnly(2015, 8, 17), code.BirthDate);
        Assert.Equal(Sex.Male, code.Sex);
    }

    [Fact]
    public void Codes_that_differ_only_by_the_century_sign_are_different_codes()
    {
        var hyphen = IdentityCode.Parse("131052-308T").Value;
        var y = IdentityCode.Parse("131052Y308T").Value;

        Assert.Equal(hyphen.BirthDate, y.BirthDate);
        Assert.NotEqual(hyphen, y);
        Assert.Equal("131052Y308T", y.Reveal());
    }

    [Fact]
    public void The_leap_day_of_2000_is_a_real_birth_date()
    {
        var code = IdentityCode.Parse(ReferenceIdentityCodes.WithCheckCharacter("290200A123")).Value;

        Assert.Equal(new DateOnly(2000, 2, 29), code.BirthDate);
    }

    [Theory]
    [InlineData("290200-123")]
    [InlineData("290200Y123")]
    [InlineData("290200+123")]
    public void The_leap_day_of_1900_and_1800_is_refused_because_neither_was_a_leap_year(string firstTenCharacters)
    {
        var text = ReferenceIdentityCodes.WithCheckCharacter(firstTenCharacters);

        Assert.Equal(IdentityCodeError.Date, IdentityCode.Parse(text).Error);
    }

    [Fact]
    public void Day_29_of_january_1900_is_a_real_date_not_a_leap_day()
    {
        var code = IdentityCode.Parse(ReferenceIdentityCodes.WithCheckCharacter("290100-123")).Value;

        Assert.Equal(new DateOnly(1900, 1, 29), code.BirthDate);
    }

    [Theory]
    [InlineData("290223A123")]
    [InlineData("310452-308")]
    [InlineData("310952-308")]
    [InlineData("320152-308")]
    [InlineData("001052-308")]
    [InlineData("131352-308")]
    [InlineData("130052-308")]
    public void A_date_that_is_not_in_the_calendar_is_refused_for_its_date(string firstTenCharacters)
    {
        var text = ReferenceIdentityCodes.WithCheckCharacter(firstTenCharacters);

        Assert.Equal(IdentityCodeError.Date, IdentityCode.Parse(text).Error);
    }

    [Theory]
    [InlineData("131052-000")]
    [InlineData("131052-001")]
    [InlineData("131052A001")]
    public void Individual_numbers_000_and_001_are_refused(string firstTenCharacters)
    {
        var text = ReferenceIdentityCodes.WithCheckCharacter(firstTenCharacters);

        Assert.Equal(IdentityCodeError.IndividualNumber, IdentityCode.Parse(text).Error);
    }

    [Theory]
    [InlineData("131052-002", false)]
    [InlineData("131052-899", false)]
    [InlineData("131052-900", true)]
    [InlineData("131052-999", true)]
    public void Individual_numbers_from_900_are_valid_but_temporary(string firstTenCharacters, bool temporary)
    {
        var code = IdentityCode.Parse(ReferenceIdentityCodes.WithCheckCharacter(firstTenCharacters)).Value;

        Assert.Equal(temporary, code.IsTemporary);
    }

    [Theory]
    [InlineData("")]
    [InlineData("131052-308")]
    [InlineData("131052-308TT")]
    [InlineData(" 131052-308T")]
    [InlineData("131052-308T ")]
    [InlineData("131052-308T\n")]
    [InlineData("\t131052-308T")]
    [InlineData("131052-308t")]
    [InlineData("020516C903k")]
    [InlineData("1310a2-308T")]
    [InlineData("131052-3O8T")]
    [InlineData("131052-308-")]
    [InlineData("١٣١٠٥٢-308T")]
    [InlineData("１３１０５２-308T")]
    public void Text_that_is_not_eleven_ascii_characters_of_the_right_shape_is_refused_for_its_format(string text)
    {
        Assert.Equal(IdentityCodeError.Format, IdentityCode.Parse(text).Error);
    }

    [Theory]
    [InlineData("131052 308T")]
    [InlineData("131052y308T")]
    [InlineData("010516b903X")]
    [InlineData("131052–308T")]
    [InlineData("131052_308T")]
    [InlineData("131052G308T")]
    [InlineData("131052Z308T")]
    public void A_lower_case_space_or_unknown_century_sign_is_refused(string text)
    {
        Assert.Equal(IdentityCodeError.CenturySign, IdentityCode.Parse(text).Error);
    }

    [Fact]
    public void Ten_thousand_composed_codes_across_all_signs_round_trip_and_refuse_every_wrong_check_character()
    {
        var random = new Random(20230101);
        var signsSeen = new HashSet<char>();
        for (var i = 0; i < 10_000; i++)
        {
            var sign = centurySigns[random.Next(centurySigns.Length)];
            var century = sign switch { '+' => 1800, 'A' or 'B' or 'C' or 'D' or 'E' or 'F' => 2000, _ => 1900 };
            var year = century + random.Next(100);
            var birthDate = new DateOnly(year, 1, 1).AddDays(random.Next(DateTime.IsLeapYear(year) ? 366 : 365));
            var individualNumber = random.Next(2, 1000);

            var composed = IdentityCode.Compose(birthDate, sign, individualNumber);
            var text = composed.Reveal();
            var parsed = IdentityCode.Parse(text);

            Assert.True(parsed.Success, parsed.ToString());
            Assert.Equal(composed, parsed.Value);
            Assert.Equal(birthDate, parsed.Value.BirthDate);
            Assert.Equal(year, parsed.Value.BirthYear);
            Assert.Equal(individualNumber % 2 == 1 ? Sex.Male : Sex.Female, parsed.Value.Sex);
            Assert.Equal(individualNumber >= 900, parsed.Value.IsTemporary);
            Assert.Equal(sign, text[6]);
            Assert.Equal(ReferenceIdentityCodes.CheckCharacterOf(text), text[10]);
            foreach (var wrong in ReferenceIdentityCodes.WrongCheckCharactersOf(text))
            {
                Assert.Equal(IdentityCodeError.CheckCharacter, IdentityCode.Parse(string.Concat(text.AsSpan(0, 10), [wrong])).Error);
            }

            signsSeen.Add(sign);
        }

        Assert.Equal(centurySigns.Length, signsSeen.Count);
    }

    [Theory]
    [InlineData(1952, 5, 13, '+')]
    [InlineData(1952, 5, 13, 'A')]
    [InlineData(2004, 5, 13, '-')]
    [InlineData(1899, 12, 31, 'U')]
    [InlineData(2000, 1, 1, 'Y')]
    public void Compose_refuses_a_century_sign_of_another_century(int year, int month, int day, char sign)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => IdentityCode.Compose(new DateOnly(year, month, day), sign, 123));
    }

    [Theory]
    [InlineData('*', 123)]
    [InlineData('y', 123)]
    [InlineData('-', 0)]
    [InlineData('-', 1)]
    [InlineData('-', 1000)]
    [InlineData('-', -5)]
    public void Compose_refuses_an_unknown_sign_or_an_individual_number_never_issued(char sign, int individualNumber)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => IdentityCode.Compose(new DateOnly(1952, 10, 13), sign, individualNumber));
    }

    [Fact]
    public void A_code_and_its_parse_results_never_print_the_code()
    {
        const string Text = "131052-308T";
        var result = IdentityCode.Parse(Text);
        var failed = IdentityCode.Parse("131052-308U");

        Assert.DoesNotContain("131052", result.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("131052", result.Value.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("131052", $"{result.Value}", StringComparison.Ordinal);
        Assert.DoesNotContain("131052", failed.ToString(), StringComparison.Ordinal);
        var exception = Assert.Throws<InvalidOperationException>(() => failed.Value);
        Assert.DoesNotContain("131052", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parsing_allocates_nothing()
    {
        var texts = new[] { "131052-308T", "131052Y308T", "010190-999K", "290100-123X", "not a code" };
        foreach (var text in texts)
        {
            _ = IdentityCode.Parse(text);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1_000; i++)
        {
            _ = IdentityCode.Parse(texts[i % texts.Length]);
        }

        Assert.Equal(before, GC.GetAllocatedBytesForCurrentThread());
    }
}
