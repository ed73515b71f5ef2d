using System.Collections.Immutable;
using System.Reflection;
using System.Text.Json;
using Hilmo.Codes;
using Hilmo.Formats;
using Hilmo.Notifications;
using Hilmo.Testing;
using Hilmo.Validation;

namespace Hilmo.Tests.Validation;

/// <summary>
/// Issue 17, defect 5: no coded field may pass unchecked. The coded fields are not listed here:
/// they are found from the <see cref="CodedAttribute"/> marks of the record models of every
/// register, so a field added to a register is tested the day it is marked. Each gets a code of
/// the right form that its classification does not have, in an otherwise valid record, and the
/// register must reject it (a published list) or flag it (a provisional one) at that field.
/// </summary>
public sealed class EveryCodedFieldTests
{
    private static readonly CodeServer Codes = CodeServer.Load(RepositoryFolders.ShippedCodes);

    // After every example's dates: 20 March 2026 in Helsinki.
    private static readonly NotificationValidator Validator =
        new(Codes, new ManualTimeProvider(new DateTimeOffset(2026, 3, 20, 10, 0, 0, TimeSpan.Zero)));

    private const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";

    /// <summary>A valid record of each register, with the identity code it is sent with.</summary>
    private static readonly (Notification Record, string IdentityCode)[] Examples =
    [
        (TestRecords.Visit(), "131052-308T"),
        (TestPeriods.Ward(), TestPeriods.WardIdentityCode),
        (TestPeriods.Census(), TestPeriods.CensusIdentityCode),
    ];

    /// <summary>String fields that hold no code of a classification: identifiers, numbers, free text.</summary>
    private static readonly HashSet<string> Uncoded = new(StringComparer.Ordinal)
    {
        "Notification.RecordId", "Notification.Provider", "Notification.Unit", "Client.PostalCode", "Visit.Professional",
        "Medication.AtcDescription", "Medication.PackageNumber", "Medication.TradeName", "Medication.BatchNumber",
        "Medication.DoseNumber", "HealthFactors.GumStatus",
    };

    public static TheoryData<string, string> CodedFields()
    {
        var data = new TheoryData<string, string>();
        foreach (var (record, _) in Examples)
        {
            foreach (var field in FieldsOf(record.GetType()))
            {
                foreach (var classification in field.Classifications)
                {
                    data.Add($"{record.Register} {field.Name}", classification);
                }
            }
        }

        return data;
    }

    [Fact]
    public void Every_register_has_an_example_and_coded_fields()
    {
        var registers = typeof(Notification).Assembly.GetTypes()
            .Where(t => t.IsSubclassOf(typeof(Notification)) && !t.IsAbstract)
            .OrderBy(t => t.Name, StringComparer.Ordinal);

        Assert.Equal(registers, Examples.Select(e => e.Record.GetType()).OrderBy(t => t.Name, StringComparer.Ordinal));
        Assert.All(Examples, e => Assert.NotEmpty(FieldsOf(e.Record.GetType())));

        // AvoHILMO 26, Terveys-Hilmo 14, Sosiaalihilmo 9: a mark removed by mistake shows here.
        Assert.Equal([26, 14, 9], Examples.Select(e => FieldsOf(e.Record.GetType()).Count()));
    }

    [Fact]
    public void Every_string_field_of_every_register_is_either_marked_with_its_classification_or_known_to_hold_no_code()
    {
        var unmarked = Examples.SelectMany(e => StringFields(e.Record.GetType()))
            .Where(p => p.GetCustomAttribute<CodedAttribute>() is null)
            .Select(p => $"{p.DeclaringType!.Name}.{p.Name}")
            .Distinct()
            .Where(name => !Uncoded.Contains(name))
            .ToList();

        Assert.True(unmarked.Count == 0, $"Mark these fields [Coded(\"classification\")] or say why they hold no code: {string.Join(", ", unmarked)}");
    }

    [Fact]
    public void Every_marked_classification_is_one_the_register_knows()
    {
        var names = Examples.SelectMany(e => FieldsOf(e.Record.GetType())).SelectMany(f => f.Classifications).Distinct();

        Assert.All(names, name => Assert.Contains(KnownClassifications.All, d => d.Name == name));
    }

    [Fact]
    public void The_examples_pass_without_a_finding_except_the_provisional_tooth()
    {
        foreach (var (record, identityCode) in Examples)
        {
            var findings = Validate(record, identityCode).Select(f => (f.Code, f.Path));

            Assert.Equal(record is ServiceEvent ? [(FindingCatalogue.ProvisionalClassification.Code, "toimenpiteet[1].hammas")] : [], findings);
        }
    }

    [Theory]
    [MemberData(nameof(CodedFields))]
    public void A_code_outside_its_classification_is_rejected_or_flagged_at_its_field(string field, string classificationName)
    {
        var (example, identityCode) = Examples.Single(e => field.StartsWith(e.Record.Register + " ", StringComparison.Ordinal));
        var coded = FieldsOf(example.GetType()).Single(f => f.Name == field[(field.IndexOf(' ', StringComparison.Ordinal) + 1)..]);
        var classification = Codes[classificationName];

        var (record, code, path) = Outside(classification, example, coded, identityCode);
        var findings = Validate(record, identityCode).Where(f => f.Path == path).ToList();

        var expected = classification.Status switch
        {
            ClassificationStatus.Published => FindingCatalogue.UnknownCode,
            ClassificationStatus.Provisional => FindingCatalogue.NotInProvisionalList,
            _ when classification.Definition.NoPublicList => FindingCatalogue.ProvisionalClassification,
            _ => FindingCatalogue.UnverifiedCodeSystem,
        };
        var finding = Assert.Single(findings, f => f.Definition == expected);
        Assert.Contains(classification.Name, finding.Arguments);
        Assert.Contains(code, finding.Message());
        Assert.Equal(classification.Status == ClassificationStatus.Published ? Severity.Error : Severity.Warning, finding.Severity);
        if (expected == FindingCatalogue.ProvisionalClassification)
        {
            Assert.Contains(path, finding.Message("fi"));
            Assert.Contains("provisional", finding.Message("en"));
        }
    }

    [Theory]
    [InlineData("laakitys[0].rokotustapa", "QQ", "CODE-001")]
    [InlineData("terveystekijat.tupakointi", "77", "CODE-009")]
    [InlineData("toimenpiteet[1].suu", "ZZZ99", "CODE-001")]
    public void The_codes_issue_17_found_unchecked_each_give_a_finding(string path, string code, string expected)
    {
        var visit = TestRecords.Visit();
        var record = path switch
        {
            "laakitys[0].rokotustapa" => visit with { Medications = [visit.Medications[0] with { Route = code }] },
            "terveystekijat.tupakointi" => visit with { HealthFactors = visit.HealthFactors! with { Smoking = code } },
            _ => visit with { Procedures = [visit.Procedures[0], visit.Procedures[1] with { OralProcedure = code }] },
        };

        var finding = Assert.Single(Validate(record, "131052-308T"), f => f.Path == path);

        Assert.Equal(expected, finding.Code);
        Assert.Contains($"\"{code}\"", finding.Message());
    }

    private static List<Finding> Validate(Notification record, string identityCode) => ValidatorFindings.Of(Validator, record, identityCode);

    /// <summary>
    /// The example with a code of <paramref name="classification"/>'s form that is not in it put in
    /// <paramref name="field"/>, the code, and the path at which the wire format carries it.
    /// </summary>
    private static (Notification Record, string Code, string Path) Outside(Classification classification, Notification example, CodedField field, string identityCode)
    {
        foreach (var code in CodesOutside(classification))
        {
            var record = field.With(example, code);
            var paths = PathsOf(record, identityCode, code);
            if (paths.Count == 1)
            {
                return (record, code, paths[0]);
            }
        }

        throw new InvalidOperationException($"No code outside {classification.Name} could be placed in {field.Name}.");
    }

    /// <summary>
    /// Codes of the classification's form that it does not have: a member with one character
    /// changed where the list has members, otherwise the shortest strings of the form.
    /// </summary>
    private static IEnumerable<string> CodesOutside(Classification classification)
    {
        var definition = classification.Definition;
        if (classification.Codes.Count > 0)
        {
            foreach (var entry in classification.Codes.Where(e => !classification.IsHeading(e)))
            {
                for (var position = entry.Code.Length - 1; position >= 0; position--)
                {
                    foreach (var c in Alphabet)
                    {
                        var candidate = string.Concat(entry.Code.AsSpan(0, position), c.ToString(), entry.Code.AsSpan(position + 1));
                        if (classification.Find(candidate) is null && definition.HasShape(candidate))
                        {
                            yield return candidate;
                        }
                    }
                }
            }

            yield break;
        }

        IEnumerable<string> strings = [""];
        for (var length = 1; length <= 3; length++)
        {
            strings = [.. strings.SelectMany(s => Alphabet.Select(c => s + c))];
            foreach (var candidate in strings.Where(definition.HasShape))
            {
                yield return candidate;
            }
        }
    }

    /// <summary>Where in the record's JSON wire form the string <paramref name="value"/> stands.</summary>
    private static List<string> PathsOf(Notification record, string identityCode, string value)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            NotificationJsonWriter.Write(writer, record, new IdentityCodeText(identityCode));
        }

        using var document = JsonDocument.Parse(stream.ToArray());
        var paths = new List<string>();
        void Visit(JsonElement element, string path)
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.Object:
                    foreach (var member in element.EnumerateObject())
                    {
                        Visit(member.Value, path.Length == 0 ? member.Name : $"{path}.{member.Name}");
                    }

                    break;
                case JsonValueKind.Array:
                    var i = 0;
                    foreach (var item in element.EnumerateArray())
                    {
                        Visit(item, $"{path}[{i++}]");
                    }

                    break;
                case JsonValueKind.String when element.GetString() == value:
                    paths.Add(path);
                    break;
            }
        }

        Visit(document.RootElement, "");
        return paths;
    }

    /// <summary>A coded field: where it is in the model, its classifications, and how to put a code in it.</summary>
    private sealed record CodedField(string Name, IReadOnlyList<string> Classifications, Func<Notification, string, Notification> With);

    /// <summary>Every field marked <see cref="CodedAttribute"/> in the record type and the groups and items it holds.</summary>
    private static IEnumerable<CodedField> FieldsOf(Type recordType) => FieldsOf(recordType, "", (root, change) => (Notification)change(root));

    private static IEnumerable<CodedField> FieldsOf(Type type, string prefix, Func<Notification, Func<object, object>, Notification> at)
    {
        foreach (var property in Settable(type))
        {
            var name = prefix + property.Name;
            var propertyType = property.PropertyType;
            if (property.GetCustomAttribute<CodedAttribute>() is { } coded)
            {
                object Value(string code) => propertyType == typeof(string) ? code : ImmutableArray.Create(code);
                yield return new CodedField(name, coded.Classifications, (record, code) => at(record, o => With(o, property, Value(code))));
            }
            else if (IsModel(propertyType))
            {
                foreach (var inner in FieldsOf(propertyType, name + ".", (record, change) =>
                    at(record, o => With(o, property, change(property.GetValue(o) ?? Activator.CreateInstance(propertyType)!)))))
                {
                    yield return inner;
                }
            }
            else if (ItemType(propertyType) is { } item && IsModel(item))
            {
                foreach (var inner in FieldsOf(item, name + "[0].", (record, change) =>
                    at(record, o => With(o, property, OneItem(item, change(FirstItem(item, property.GetValue(o)!) ?? Activator.CreateInstance(item)!))))))
                {
                    yield return inner;
                }
            }
        }
    }

    /// <summary>Every string or list-of-strings field the record type and its groups and items have.</summary>
    private static IEnumerable<PropertyInfo> StringFields(Type type)
    {
        foreach (var property in Settable(type))
        {
            var propertyType = property.PropertyType;
            if (propertyType == typeof(string) || ItemType(propertyType) == typeof(string))
            {
                yield return property;
            }
            else if (IsModel(propertyType) || (ItemType(propertyType) is { } item && IsModel(item)))
            {
                foreach (var inner in StringFields(IsModel(propertyType) ? propertyType : ItemType(propertyType)!))
                {
                    yield return inner;
                }
            }
        }
    }

    private static IEnumerable<PropertyInfo> Settable(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.SetMethod is { IsPublic: true });

    private static bool IsModel(Type type) => type.IsClass && type != typeof(string) && type.Namespace == typeof(Notification).Namespace;

    private static Type? ItemType(Type type) =>
        type.IsGenericType && type.GetGenericTypeDefinition() == typeof(ImmutableArray<>) ? type.GetGenericArguments()[0] : null;

    /// <summary>A copy of the record <paramref name="model"/> with <paramref name="property"/> set, as <c>with</c> makes it.</summary>
    private static object With(object model, PropertyInfo property, object value)
    {
        var copy = model.GetType().GetMethod("<Clone>$")!.Invoke(model, null)!;
        property.SetValue(copy, value);
        return copy;
    }

    private static object? FirstItem(Type item, object array) =>
        typeof(EveryCodedFieldTests).GetMethod(nameof(First), BindingFlags.NonPublic | BindingFlags.Static)!.MakeGenericMethod(item).Invoke(null, [array]);

    private static object OneItem(Type item, object value) =>
        typeof(EveryCodedFieldTests).GetMethod(nameof(One), BindingFlags.NonPublic | BindingFlags.Static)!.MakeGenericMethod(item).Invoke(null, [value])!;

    private static T? First<T>(ImmutableArray<T> items) where T : class => items.IsDefaultOrEmpty ? null : items[0];

    private static ImmutableArray<T> One<T>(T item) => [item];
}
