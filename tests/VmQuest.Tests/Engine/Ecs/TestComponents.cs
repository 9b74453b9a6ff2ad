namespace VmQuest.Tests.Engine.Ecs;

internal struct Position
{
    public int X;
    public int Y;

    public Position(int x, int y)
    {
        X = x;
        Y = y;
    }
}

internal struct Velocity
{
    public int Dx;
    public int Dy;

    public Velocity(int dx, int dy)
    {
        Dx = dx;
        Dy = dy;
    }
}

internal struct Health
{
    public int Value;

    public Health(int value) => Value = value;
}

internal struct Label
{
    public string Text;

    public Label(string text) => Text = text;
}

internal struct Frozen;
