namespace Hilmo.Notifications;

/// <summary>
/// Marks a field of a record model that holds a code of a classification (or, for a list of
/// strings, codes). The marks are the register's catalogue of its coded fields: the validators
/// check every one of them against its classification, and the tests find the fields from these
/// marks, so a coded field cannot be added without being checked.
/// </summary>
/// <param name="classifications">
/// The names of the classifications (<c>icd10fi</c>, <c>kunta</c>) the code may come from; a care
/// period's procedure is <c>toimenpide</c> or, for a <c>SPAT…</c> code, <c>spat</c>.
/// </param>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false, Inherited = true)]
public sealed class CodedAttribute(params string[] classifications) : Attribute
{
    /// <summary>The classifications, the usual one first.</summary>
    public IReadOnlyList<string> Classifications { get; } = classifications;
}
