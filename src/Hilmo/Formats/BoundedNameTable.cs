using System.Xml;

namespace Hilmo.Formats;

/// <summary>
/// An XmlReader name table that stops keeping new names once they fill a bound. XmlReader keeps
/// every distinct element and attribute name it meets for the life of the reader, so a body of
/// millions of made-up names would otherwise grow it without end; past the bound a name is
/// handed back unshared and left to the garbage collector.
/// </summary>
/// <remarks>
/// The format's own names are added first, so they stay shared, and an honest submission with
/// its few dozen names never reaches the bound.
/// </remarks>
internal sealed class BoundedNameTable : XmlNameTable
{
    private readonly NameTable names = new();
    private readonly int maxCharacters;
    private int characters;

    public BoundedNameTable(int maxCharacters, IEnumerable<string> wellKnown)
    {
        this.maxCharacters = maxCharacters;
        foreach (var name in wellKnown)
        {
            names.Add(name);
        }
    }

    public override string Add(char[] array, int offset, int length)
    {
        if (names.Get(array, offset, length) is { } known)
        {
            return known;
        }

        if (characters + length > maxCharacters)
        {
            return new string(array, offset, length);
        }

        characters += length;
        return names.Add(array, offset, length);
    }

    public override string Add(string array)
    {
        if (names.Get(array) is { } known)
        {
            return known;
        }

        if (characters + array.Length > maxCharacters)
        {
            return array;
        }

        characters += array.Length;
        return names.Add(array);
    }

    public override string? Get(char[] array, int offset, int length) => names.Get(array, offset, length);

    public override string? Get(string array) => names.Get(array);
}
