// AnyCPU class library fixture.
namespace Armready.Fixtures
{
    public sealed class Calculator
    {
        public int Add(int a, int b)
        {
            return a + b;
        }
    }
}
