# expect: must come from its own factory() call
import copy


def stack_blocks(factory, n):
    block = factory()
    return nn.Sequential(*[copy.deepcopy(block) for _ in range(n)])
