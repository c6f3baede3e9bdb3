"""Chinese (zh) messages of the hidden checks: {English message template (its msgid): Chinese template}.

Filled in by ``autograder.checks._support.t`` when COURSE_LANGUAGE is zh; format fields, code and API names
stay as in the English text. Terms follow the Chinese edition of D2L (《动手学深度学习》, chapter 5)."""

MESSAGES = {
    "{what} raised {error_type}: {detail}":
        "{what} 引发了 {error_type}：{detail}",
    "{what} raised {error_type}.":
        "{what} 引发了 {error_type}。",
    "a tensor of shape {shape}":
        "形状为 {shape} 的张量",
    "a {type}":
        "一个 {type}",
    "Creating {what}":
        "创建 {what}",
    "{what} gave {layer_desc}, but a layer must be an nn.Module (subclass nn.Module).":
        "{what} 得到的是{layer_desc}，但层必须是 nn.Module（继承 nn.Module）。",
    "{what} should have no parameters, but it has {names}.":
        "{what} 不应有参数，但它有 {names}。",
    "{what} should have exactly the parameters {shapes}, found {found}; plain tensors stored as attributes are "
    "not parameters, wrap them in nn.Parameter.":
        "{what} 应当恰好有参数 {shapes}，实际为 {found}；作为属性保存的普通张量不是参数，要用 nn.Parameter 包装。",
    "{what}.{name} should have shape {shape}, found {param_shape}.":
        "{what}.{name} 的形状应为 {shape}，实际为 {param_shape}。",
    "{what}.{name} should be trainable (requires_grad=True).":
        "{what}.{name} 应当可训练（requires_grad=True）。",
    "{what} on {X_desc} should return a tensor, got {out_desc}.":
        "{what} 作用于{X_desc}时应返回张量，实际得到{out_desc}。",
    "{what} changed its input in place; return a new tensor and leave X as it was.":
        "{what} 原地修改了它的输入；应返回一个新张量，并保持 X 不变。",
    "{what} should return a tensor, got {out_desc}.":
        "{what} 应返回张量，实际得到{out_desc}。",
    "{what} returned a {out_dtype} tensor: the output's dtype should follow the input's ({input_dtype} here), so "
    "any tensor the layer creates itself must take the input's dtype (a new tensor made without one is float32).":
        "{what} 返回了 {out_dtype} 张量：输出的 dtype 应与输入一致（这里是 {input_dtype}），所以层自己创建的任何张"
        "量都必须采用输入的 dtype（不指定 dtype 新建的张量是 float32）。",
    "The output of {what} is not connected to autograd; {hint}":
        "{what} 的输出没有连入自动微分（autograd）；{hint}",
    "Backpropagating through {what}":
        "通过 {what} 反向传播",
    "After backward, {name} has no gradient in {what}; {hint}":
        "反向传播之后，{what} 中的 {name} 没有梯度；{hint}",
    "Checking the gradients of {what}":
        "检查 {what} 的梯度",
    "The gradients of {what} with respect to {names} are wrong; {hint}":
        "{what} 关于 {names} 的梯度不正确；{hint}",
    "CenteredLayer() on {X_desc} should keep that shape, found {out_shape}.":
        "CenteredLayer() 作用于{X_desc}时应保持该形状，实际为 {out_shape}。",
    "CenteredLayer() on {X_desc} should return X minus the mean of all its elements; the values are wrong (a mean "
    "over one dimension is not the mean of all elements).":
        "CenteredLayer() 作用于{X_desc}时应返回 X 减去其全部元素的均值；数值不正确（沿某一维求的均值不是全部元素的"
        "均值）。",
    "CenteredLayer() on float64 inputs":
        "CenteredLayer() 作用于 float64 输入",
    "the mean must stay inside the computation (no .item(), .detach() or .data).":
        "均值必须留在计算图中（不要用 .item()、.detach() 或 .data）。",
    "MyLinear's {name} should be drawn from the standard normal (torch.randn), but the values of MyLinear(100, "
    "2000).{name} have mean {mean:.3f} and standard deviation {std:.3f}.":
        "MyLinear 的 {name} 应从标准正态分布中抽取（torch.randn），但 MyLinear(100, 2000).{name} 的值均值为 {mean:"
        ".3f}、标准差为 {std:.3f}。",
    "{what} on {X_desc} should return shape {wanted}, found {out_shape}.":
        "{what} 作用于{X_desc}时应返回形状 {wanted}，实际为 {out_shape}。",
    "{what} on {X_desc} returned wrong values; expected relu(X @ weight + bias) computed from the layer's current "
    "weight and bias.":
        "{what} 作用于{X_desc}时返回的数值不正确；应为用该层当前的权重和偏置计算的 relu(X @ weight + bias)。",
    "MyLinear(4, 3) on float64 inputs":
        "MyLinear(4, 3) 作用于 float64 输入",
    "use self.weight and self.bias themselves in forward, not .data or detached copies.":
        "在 forward 中直接使用 self.weight 和 self.bias 本身，不要用 .data 或分离（detach）出的副本。",
    "{what} on {X_desc} returned wrong values; expected Y[b, k] = sum over i and j of weight[i, j, k] * X[b, i] * "
    "X[b, j], each sample on its own.":
        "{what} 作用于{X_desc}时返回的数值不正确；应为 Y[b, k] = 对 i 和 j 求和 weight[i, j, k] * X[b, i] * X[b, j"
        "]，每个样本单独计算。",
    "TensorReduction(3, 2) on float64 inputs":
        "TensorReduction(3, 2) 作用于 float64 输入",
    "use self.weight itself in forward (not .data).":
        "在 forward 中直接使用 self.weight 本身（不要用 .data）。",
    "FourierHalf() on {X_desc} should return the complex Fourier coefficients, found dtype {out_dtype} (not "
    "magnitudes or real parts).":
        "FourierHalf() 作用于{X_desc}时应返回复数的傅里叶系数，实际 dtype 为 {out_dtype}（不是模长，也不是实部）。",
    "FourierHalf() on {X_desc} should return shape {expected_shape} (the first (n + 1) // 2 = {keep} of n = {n} "
    "coefficients, leading dimensions kept), found {out_shape}.":
        "FourierHalf() 作用于{X_desc}时应返回形状 {expected_shape}（n = {n} 个系数中的前 (n + 1) // 2 = {keep} 个"
        "，前面的维度保持不变），实际为 {out_shape}。",
    "FourierHalf() on {X_desc} returned wrong values; expected the first {keep} coefficients of torch.fft.fft "
    "along the last dimension.":
        "FourierHalf() 作用于{X_desc}时返回的数值不正确；应为沿最后一维做 torch.fft.fft 得到的前 {keep} 个系数。",
    "save_params(net, path) wrote no file at path.":
        "save_params(net, path) 没有在 path 写入文件。",
    "A weights-only torch.load cannot read the file save_params wrote ({error_type}); save the net's state_dict "
    "(its named tensors), not the model object.":
        "仅加载权重的 torch.load（weights-only）无法读取 save_params 写入的文件（{error_type}）；应保存网络的 stat"
        "e_dict（它的具名张量），而不是模型对象。",
    "save_params should save the net's state_dict (a dict of tensors), but the file holds {stored_desc}.":
        "save_params 应保存网络的 state_dict（一个张量字典），但文件中存的是{stored_desc}。",
    "The file save_params wrote lacks {missing_names}; save the net's whole state_dict, buffers (such as "
    "BatchNorm's running statistics) included.":
        "save_params 写入的文件缺少 {missing_names}；应保存网络的整个 state_dict，包括缓冲区（例如 BatchNorm 的运"
        "行统计量）。",
    "The file save_params wrote holds {extra_names}, which are not in net.state_dict().":
        "save_params 写入的文件含有 {extra_names}，它们不在 net.state_dict() 中。",
    "The entry {key!r} in the file save_params wrote differs from net.state_dict()[{key!r}].":
        "save_params 写入的文件中的条目 {key!r} 与 net.state_dict()[{key!r}] 不同。",
    "load_params(net, path) should load into the given net and return that net, but it returned {loaded_desc}.":
        "load_params(net, path) 应加载到给定的网络中并返回该网络，但它返回了{loaded_desc}。",
    "After load_params, the net's {wrong_names} differ from the saved ones.":
        "load_params 之后，网络的 {wrong_names} 与保存的不同。",
    "the returned net":
        "返回的网络",
    "its submodule {name!r}":
        "它的子模块 {name!r}",
    "load_params should put the net in evaluation mode before returning it, but {which} is still in training mode.":
        "load_params 在返回网络之前应将其设为评估模式，但{which}仍处于训练模式。",
    "The net that load_params returned, run on a batch,":
        "load_params 返回的网络在一批数据上运行时",
    "The loaded net's outputs are not bit for bit those of the saved net.":
        "加载后的网络的输出与保存的网络的输出并非逐位相同。",
    "load_params accepted a file that lacks the key '4.bias'; a load with strict key matching refuses a file "
    "whose keys differ from the net's.":
        "load_params 接受了缺少键 '4.bias' 的文件；严格匹配键的加载会拒绝键与网络不一致的文件。",
    "load_params accepted a file with the unexpected key '5.weight'; a load with strict key matching refuses a "
    "file whose keys differ from the net's.":
        "load_params 接受了含有多余键 '5.weight' 的文件；严格匹配键的加载会拒绝键与网络不一致的文件。",
    "load_params loaded a file whose pickle calls a function while it is read (the way a malicious file runs "
    "code); a weights-only load (torch.load's weights_only option) refuses such files.":
        "load_params 加载了一个在读取时其 pickle 会调用函数的文件（恶意文件正是这样运行代码的）；仅加载权重的加载"
        "方式（torch.load 的 weights_only 选项）会拒绝这类文件。",
    "save_checkpoint(path, model, optimizer, epoch) wrote no file at path.":
        "save_checkpoint(path, model, optimizer, epoch) 没有在 path 写入文件。",
    "save_checkpoint left {leftovers_names} beside the checkpoint; remove or rename every temporary file.":
        "save_checkpoint 在检查点旁边留下了 {leftovers_names}；删除或重命名每个临时文件。",
    "A weights-only torch.load cannot read the checkpoint ({error_type}); save the state_dicts of the model and "
    "the optimizer and the epoch number, not the objects themselves.":
        "仅加载权重的 torch.load（weights-only）无法读取该检查点（{error_type}）；应保存模型和优化器的 state_dict "
        "以及轮数（epoch），而不是对象本身。",
    "load_checkpoint should return the saved epoch 3 (an int), but returned {epoch!r}.":
        "load_checkpoint 应返回保存的轮数 3（一个 int），但返回了 {epoch!r}。",
    "After load_checkpoint, the model's {wrong_names} differ from the saved ones; the model's state_dict holds "
    "its buffers (BatchNorm's running statistics) as well as its parameters.":
        "load_checkpoint 之后，模型的 {wrong_names} 与保存的不同；模型的 state_dict 既包含参数，也包含缓冲区（Batc"
        "hNorm 的运行统计量）。",
    "After load_checkpoint the optimizer no longer holds the model's parameters; restore the model in place, "
    "copying the saved values into the parameters it already has, so the optimizer keeps updating the same "
    "tensors.":
        "load_checkpoint 之后，优化器不再持有模型的参数；应原地恢复模型，把保存的值复制到模型已有的参数中，这样优"
        "化器仍在更新同一批张量。",
    "After load_checkpoint the optimizer has no state; the checkpoint must hold the optimizer's state_dict too, "
    "and load_checkpoint must restore it into the optimizer.":
        "load_checkpoint 之后，优化器没有状态；检查点必须也包含优化器的 state_dict，并且 load_checkpoint 必须把它"
        "恢复到优化器中。",
    "Training resumed from the checkpoint ended with different {wrong_names} than training that was never "
    "interrupted; restore the optimizer's state (Adam's moments and step count) as well as the model's.":
        "从检查点恢复的训练结束时，{wrong_names} 与从未中断的训练不同；除了模型的状态，还要恢复优化器的状态（Adam "
        "的矩估计和步数）。",
    "load_checkpoint loaded a file whose pickle calls a function while it is read (the way a malicious file runs "
    "code); a weights-only load (torch.load's weights_only option) refuses such files.":
        "load_checkpoint 加载了一个在读取时其 pickle 会调用函数的文件（恶意文件正是这样运行代码的）；仅加载权重的"
        "加载方式（torch.load 的 weights_only 选项）会拒绝这类文件。",
    "save_checkpoint never called torch.save, so a failure part-way through writing could not be simulated; write "
    "the checkpoint with torch.save.":
        "save_checkpoint 从未调用 torch.save，因此无法模拟写到一半时的失败；请用 torch.save 写入检查点。",
    "When writing failed part-way, the checkpoint previously at path was gone; write a temporary file beside it "
    "first, and replace path (os.replace) only once that file is complete.":
        "写入中途失败时，path 处原有的检查点不见了；应先在它旁边写一个临时文件，等该文件完整后再替换 path（os.repl"
        "ace）。",
    "When writing failed part-way, the checkpoint previously at path was left damaged (loading it raised "
    "{error_type}); write a temporary file beside it first, and replace path (os.replace) only once that file is "
    "complete.":
        "写入中途失败时，path 处原有的检查点被损坏了（加载它引发了 {error_type}）；应先在它旁边写一个临时文件，等"
        "该文件完整后再替换 path（os.replace）。",
    "When writing failed part-way, the checkpoint at path no longer held the previous one; write a temporary file "
    "beside it first, and replace path (os.replace) only once that file is complete.":
        "写入中途失败时，path 处的检查点已不再是之前那个；应先在它旁边写一个临时文件，等该文件完整后再替换 path（o"
        "s.replace）。",
    "When writing failed part-way, save_checkpoint left the temporary file {litter_names} behind; remove it when "
    "saving fails (try/except or finally), then let the error propagate.":
        "写入中途失败时，save_checkpoint 留下了临时文件 {litter_names}；保存失败时应删除它（try/except 或 finally"
        "），然后让错误继续抛出。",
    "{what} should return the module it loaded into, but returned {result_desc}.":
        "{what} 应返回它加载到的那个模块，但返回了{result_desc}。",
    "After {what}, the module's {wrong_names} differ from the saved {prefix}.* entries; take exactly the entries "
    "whose keys start with {dotted!r}, buffers included, and strip that prefix.":
        "{what} 之后，模块的 {wrong_names} 与保存的 {prefix}.* 条目不同；应恰好取出键以 {dotted!r} 开头的条目（包"
        "括缓冲区），并去掉这个前缀。",
    "load_submodule(module, path, {prefix!r}) accepted a module that does not match the saved entries ({kind} key "
    "{key!r}); a load with strict key matching refuses it.":
        "load_submodule(module, path, {prefix!r}) 接受了一个与保存的条目不匹配的模块（{kind}键 {key!r}）；严格匹配"
        "键的加载会拒绝它。",
    "When the module does not match, the error should name the {kind} key {key!r}, but it said: {error_type}: "
    "{said}":
        "模块不匹配时，错误信息应指出{kind}键 {key!r}，但它给出的是：{error_type}: {said}",
    "{what} returned although no key in the file starts with {dotted!r}; when the prefix matches nothing it "
    "should raise an error.":
        "{what} 正常返回了，尽管文件中没有任何键以 {dotted!r} 开头；前缀什么都匹配不到时，它应当引发错误。",
    "{what}, whose prefix matches no key in the file, raised an error that names neither the prefix nor the "
    "missing keys (such as {key!r}): {error_type}: {said}":
        "{what} 的前缀与文件中的任何键都不匹配，它引发的错误既没有指出前缀，也没有指出缺少的键（例如 {key!r}）：{e"
        "rror_type}: {said}",
    "missing":
        "缺少的",
    "unexpected":
        "多余的",
    "archive_members should return a list of member names (strings), but returned {got_desc}.":
        "archive_members 应返回成员名称（字符串）的列表，但返回了{got_desc}。",
    "archive_members({name!r}) kept the archive's top-level folder {folder!r} in the names; return 'data.pkl', "
    "not '{top}/data.pkl'.":
        "archive_members({name!r}) 在名称中保留了归档的顶层文件夹 {folder!r}；应返回 'data.pkl'，而不是 '{top}/dat"
        "a.pkl'。",
    "archive_members({name!r}) should return {expected}, but returned {got}.":
        "archive_members({name!r}) 应返回 {expected}，但返回了 {got}。",
    "archive_members({name!r}) should return the names sorted: {expected}.":
        "archive_members({name!r}) 应返回排好序的名称：{expected}。",
    "archive_members on a zip holding model/data.pkl":
        "archive_members 作用于一个含有 model/data.pkl 的 zip",
    "For a zip holding model/data.pkl, model/data/0 and model/notes/readme.txt, archive_members should return "
    "{expected}, but returned {got!r}.":
        "对于含有 model/data.pkl、model/data/0 和 model/notes/readme.txt 的 zip，archive_members 应返回 {expected}"
        "，但返回了 {got!r}。",
    "a text file":
        "一个文本文件",
    "a file in torch's legacy (non-zip) format":
        "一个 torch 旧版（非 zip）格式的文件",
    "a zip with members under two top-level folders":
        "一个成员分属两个顶层文件夹的 zip",
    "a zip with a member outside any folder":
        "一个有成员不在任何文件夹中的 zip",
    "a zip whose top-level folder holds no data.pkl":
        "一个顶层文件夹中没有 data.pkl 的 zip",
    "a zip whose data.pkl sits one folder too deep":
        "一个 data.pkl 多嵌套了一层文件夹的 zip",
    "an empty zip":
        "一个空的 zip",
    "archive_members should raise ValueError for {what}, but it returned.":
        "对于{what}，archive_members 应引发 ValueError，但它正常返回了。",
    "archive_members should raise ValueError for {what}, but raised {error_type}: {said}":
        "对于{what}，archive_members 应引发 ValueError，但引发的是 {error_type}：{said}",
    "The file save_safe wrote for {what} is not a safetensors file (safetensors.torch.load_file raised "
    "{error_type}); save with safetensors, not torch.save.":
        "save_safe 为{what}写入的文件不是 safetensors 文件（safetensors.torch.load_file 引发了 {error_type}）；应"
        "使用 safetensors 保存，而不是 torch.save。",
    "The safetensors file for {what} holds {key!r}, which is not a name in the net's state_dict; the file's keys "
    "must be the state_dict names.":
        "{what}的 safetensors 文件含有 {key!r}，它不是网络 state_dict 中的名称；文件的键必须是 state_dict 的名称。",
    "The safetensors file for {what} holds a value for {key!r} that differs from net.state_dict()[{key!r}].":
        "{what}的 safetensors 文件中 {key!r} 的值与 net.state_dict()[{key!r}] 不同。",
    "The safetensors file for {what} lacks {first_key!r}; save every tensor of the net.":
        "{what}的 safetensors 文件缺少 {first_key!r}；应保存网络的每个张量。",
    "save_safe(net, path) wrote no file at path for {what}.":
        "对于{what}，save_safe(net, path) 没有在 path 写入文件。",
    "load_safe(net, path) should load into the given net and return it, but returned {loaded_desc}.":
        "load_safe(net, path) 应加载到给定的网络中并返回它，但返回了{loaded_desc}。",
    "After load_safe for {what}, the net's {wrong_names} differ from the saved ones.":
        "对{what}执行 load_safe 之后，网络的 {wrong_names} 与保存的不同。",
    "a net with BatchNorm buffers":
        "一个带有 BatchNorm 缓冲区的网络",
    "a net with tied parameters":
        "一个带有绑定参数的网络",
    "After load_safe, layer 6's weight is no longer layer 2's weight (they were one tied parameter); copy the "
    "saved values into the net's own parameters, instead of replacing them, so the tie survives.":
        "load_safe 之后，第 6 层的权重不再是第 2 层的权重（它们原本是同一个绑定参数）；应把保存的值复制到网络自己"
        "的参数中，而不是替换这些参数，这样参数绑定才能保留。",
    "The tied net that load_safe returned, run on a batch,":
        "load_safe 返回的绑定参数网络在一批数据上运行时",
    "After load_safe, the tied net's outputs differ from the saved net's.":
        "load_safe 之后，绑定参数网络的输出与保存的网络的输出不同。",
    "load_safe accepted a file that lacks the net's '6.weight' and '6.bias'; a load with strict key matching "
    "refuses a file whose keys differ from the net's.":
        "load_safe 接受了缺少网络的 '6.weight' 和 '6.bias' 的文件；严格匹配键的加载会拒绝键与网络不一致的文件。",
    "load_safe accepted a file holding keys the net does not have (such as '4.weight'); a load with strict key "
    "matching refuses a file whose keys differ from the net's.":
        "load_safe 接受了含有网络所没有的键（例如 '4.weight'）的文件；严格匹配键的加载会拒绝键与网络不一致的文件。",
    "a machine without a CUDA device":
        "没有 CUDA 设备的机器",
    "a machine with 1 CUDA device":
        "有 1 个 CUDA 设备的机器",
    "a machine with {n} CUDA devices":
        "有 {n} 个 CUDA 设备的机器",
    "{what} returned {got!r} ({got_desc}); it should return a torch.device such as {expected!r}.":
        "{what} 返回了 {got!r}（{got_desc}）；它应返回一个 torch.device，例如 {expected!r}。",
    "{what} returned {got!r}; expected {expected!r}; {why}.":
        "{what} 返回了 {got!r}；应为 {expected!r}；{why}。",
    "{what} returned {got!r}; expected {expected!r}.":
        "{what} 返回了 {got!r}；应为 {expected!r}。",
    "On {where}, try_all_gpus() returned {got_desc}; it should return a list of torch.device.":
        "在{where}上，try_all_gpus() 返回了{got_desc}；它应返回由 torch.device 组成的列表。",
    "On {where}, try_all_gpus() returned a list holding {device!r} ({device_desc}); its items should be "
    "torch.device objects.":
        "在{where}上，try_all_gpus() 返回的列表中含有 {device!r}（{device_desc}）；其元素应为 torch.device 对象。",
    "On {where}, try_all_gpus() returned {got}; expected {expected}.":
        "在{where}上，try_all_gpus() 返回了 {got}；应为 {expected}。",
    "{where} should be a tensor, found {got_desc}.":
        "{where}应为张量，实际为{got_desc}。",
    "{where} should be on {device}, found it on {got_device}.":
        "{where}应在 {device} 上，实际在 {got_device} 上。",
    "{where} should keep shape {original_shape} and dtype {original_dtype}, found {got_shape} and {got_dtype}.":
        "{where}应保持形状 {original_shape} 和 dtype {original_dtype}，实际为 {got_shape} 和 {got_dtype}。",
    "{where} should be the very same tensor object: the input was already on {device}, and a tensor already on "
    "the device comes back unchanged, not copied (tensor.to(device) behaves this way).":
        "{where}应为同一个张量对象：输入已经在 {device} 上，已在该设备上的张量应原样返回，而不是被复制（tensor.to("
        "device) 就是这样做的）。",
    "{where} should be a {kind} like the input, found {got_desc}.":
        "{where}应与输入一样是 {kind}，实际为{got_desc}。",
    "{where} should keep the keys {keys}, found {got_keys}.":
        "{where}应保留键 {keys}，实际为 {got_keys}。",
    "{where} should have {n_original} items, found {n_got}.":
        "{where}应有 {n_original} 个元素，实际为 {n_got} 个。",
    "{where} is {original!r}, neither a tensor nor a list, tuple or dict, so it should come back unchanged: the "
    "very same object, not an equal copy.":
        "{where}是 {original!r}，既不是张量，也不是 list、tuple 或 dict，所以应原样返回：必须是同一个对象，而不是"
        "相等的副本。",
    "{where} is {original!r}, neither a tensor nor a list, tuple or dict, so it should come back unchanged: the "
    "very same object, found {got!r}.":
        "{where}是 {original!r}，既不是张量，也不是 list、tuple 或 dict，所以应原样返回：必须是同一个对象，实际为 "
        "{got!r}。",
    "a tensor":
        "一个张量",
    "a tensor already on the CPU":
        "一个已在 CPU 上的张量",
    "a tensor already on meta":
        "一个已在 meta 上的张量",
    "a list of tensors":
        "一个张量列表",
    "a tuple of tensors":
        "一个张量元组",
    "a dict of tensors":
        "一个张量字典",
    "a list holding one tensor already on meta":
        "一个含有一个已在 meta 上的张量的列表",
    "a nested dict of lists, tuples and dicts":
        "一个由列表、元组和字典嵌套而成的字典",
    "nested containers already on the CPU":
        "已在 CPU 上的嵌套容器",
    "a string":
        "一个字符串",
    "an int":
        "一个 int",
    "a plain object":
        "一个普通对象",
    "a list without tensors":
        "一个不含张量的列表",
    "a list holding a tensor and a bytes value":
        "一个含有一个张量和一个 bytes 值的列表",
    "a tuple holding a range and a tensor":
        "一个含有一个 range 和一个张量的元组",
    "In to_device({what}, {device!r}) the result":
        "在 to_device({what}, {device!r}) 中，结果",
    "buffers are the module's tensors as much as parameters are (module.buffers() lists them)":
        "缓冲区和参数一样，都是模块的张量（module.buffers() 会列出它们）",
    "a buffer registered with persistent=False is left out of state_dict() but is still one of the module's "
    "tensors (module.buffers() lists it)":
        "用 persistent=False 注册的缓冲区不在 state_dict() 中，但它仍是模块的张量之一（module.buffers() 会列出它）",
    "nn.ReLU() (no parameters)":
        "nn.ReLU()（没有参数）",
    "an empty nn.Sequential()":
        "一个空的 nn.Sequential()",
    "nn.Linear(4, 3) on meta":
        "在 meta 上的 nn.Linear(4, 3)",
    "a nested nn.Sequential moved to meta":
        "一个移到 meta 上的嵌套 nn.Sequential",
    "a module whose only tensor is a buffer on meta":
        "一个唯一的张量是 meta 上的缓冲区的模块",
    "nn.BatchNorm1d(3, affine=False) on meta (buffers, no parameters)":
        "在 meta 上的 nn.BatchNorm1d(3, affine=False)（只有缓冲区，没有参数）",
    "a module whose only tensor is a non-persistent buffer on meta":
        "一个唯一的张量是 meta 上的非持久缓冲区的模块",
    "an nn.Sequential whose first layer is on cpu and second on meta":
        "一个第一层在 cpu 上、第二层在 meta 上的 nn.Sequential",
    "an nn.Sequential whose first layer is on meta and last on cpu":
        "一个第一层在 meta 上、最后一层在 cpu 上的 nn.Sequential",
    "an nn.BatchNorm1d whose parameters are on cpu and running_mean buffer on meta":
        "一个参数在 cpu 上、running_mean 缓冲区在 meta 上的 nn.BatchNorm1d",
    "an nn.Linear on cpu with a non-persistent buffer on meta":
        "一个在 cpu 上但带有 meta 上非持久缓冲区的 nn.Linear",
    "model_device({what}) raised ValueError({message!r}); the message should name the devices it found (cpu and "
    "meta).":
        "model_device({what}) 引发了 ValueError({message!r})；错误信息应指出它找到的设备（cpu 和 meta）。",
    "model_device({what}) raised {error_type}: {said}; expected a ValueError naming the devices.":
        "model_device({what}) 引发了 {error_type}：{said}；应引发一个指出这些设备的 ValueError。",
    "model_device({what}) returned {got!r}; with tensors on several devices it should raise a ValueError naming "
    "them (cpu and meta); {why}.":
        "model_device({what}) 返回了 {got!r}；当张量分布在多个设备上时，它应引发一个指出这些设备（cpu 和 meta）的 "
        "ValueError；{why}。",
    "model_device({what}) returned {got!r}; with tensors on several devices it should raise a ValueError naming "
    "them (cpu and meta).":
        "model_device({what}) 返回了 {got!r}；当张量分布在多个设备上时，它应引发一个指出这些设备（cpu 和 meta）的 "
        "ValueError。",
    "{what} returned {result_desc}; it should return the median time in seconds, a number.":
        "{what} 返回了{result_desc}；它应返回以秒为单位的中位时间，一个数。",
    "it synchronised another GPU but never cuda:{index}, the device being timed; torch.cuda.synchronize waits for "
    "the device it is given (without an argument, only for the current device)":
        "它同步了另一块 GPU，却从未同步被计时的设备 cuda:{index}；torch.cuda.synchronize 等待的是传给它的设备（不"
        "带参数时只等待当前设备）",
    "it never waited for the GPU (torch.cuda.synchronize), so it timed only the launch of the GPU work, which "
    "runs asynchronously":
        "它从未等待 GPU（torch.cuda.synchronize），所以只计时了 GPU 工作的启动，而 GPU 工作是异步运行的",
    "after the warm-up call it must wait for the GPU before starting the clock, or the warm-up's GPU work is "
    "counted in the first timed call":
        "在预热调用之后，它必须先等待 GPU 再开始计时，否则预热调用的 GPU 工作会被算进第一次计时的调用",
    "after each call of fn it must wait for the GPU (torch.cuda.synchronize) before reading the clock, or the "
    "queued GPU work is not counted":
        "每次调用 fn 之后，它必须先等待 GPU（torch.cuda.synchronize）再读取时钟，否则排队中的 GPU 工作不会被计入",
    "it must wait for the GPU before starting the clock, so GPU work queued earlier is not counted in the first "
    "call":
        "它必须先等待 GPU 再开始计时，这样之前排队的 GPU 工作才不会被算进第一次调用",
    "check that the clock is read right after synchronising, once before and once after each timed call":
        "检查时钟是否在同步之后立即读取，每次计时调用之前读一次、之后读一次",
    "{call} on {machine}":
        "{machine}上的 {call}",
    "{what} called fn {n_calls} times; it should call it exactly {count} times, or {with_warm_up} times when the "
    "first call is an untimed warm-up.":
        "{what} 调用了 fn {n_calls} 次；它应恰好调用 {count} 次，或者在第一次调用是不计时的预热调用时调用 {with_wa"
        "rm_up} 次。",
    "{low:g} s":
        "{low:g} 秒",
    "between {low:g} and {high:g} s":
        "{low:g} 秒到 {high:g} 秒之间",
    "{what} returned {result:g} s, but the median time of one call was {expected}":
        "{what} 返回了 {result:g} 秒，但单次调用的中位时间是 {expected}",
    "{wrong}; it never read a wall clock such as time.perf_counter() (time.process_time() counts only this "
    "process's own CPU time, not the time spent waiting).":
        "{wrong}；它从未读取墙上时钟，例如 time.perf_counter()（time.process_time() 只统计本进程自己的 CPU 时间，"
        "不包括等待的时间）。",
    "{wrong}; {why}.":
        "{wrong}；{why}。",
    "{wrong} (that median includes the warm-up call; leave the first call out of the timing).":
        "{wrong}（这个中位数包含了预热调用；计时时要把第一次调用排除在外）。",
    "{wrong} (that is the mean; return the median).":
        "{wrong}（这是平均值；应返回中位数）。",
    "{wrong} (that is the total of all calls; return the median time of one call).":
        "{wrong}（这是所有调用的总时间；应返回单次调用的中位时间）。",
    "{wrong}.":
        "{wrong}。",
    "{what} should be an nn.Module (subclass nn.Module), got {obj_desc}.":
        "{what} 应是一个 nn.Module（继承 nn.Module），实际得到{obj_desc}。",
    "{owner} should have an attribute {name} holding an nn.Linear({n_in}, {n_out}), found {layer_desc}.":
        "{owner} 应有一个属性 {name}，存放一个 nn.Linear({n_in}, {n_out})，实际为{layer_desc}。",
    "{owner}.{name} should be nn.Linear({n_in}, {n_out}), found nn.Linear({in_features}, {out_features}).":
        "{owner}.{name} 应为 nn.Linear({n_in}, {n_out})，实际为 nn.Linear({in_features}, {out_features})。",
    "{what}.to(...) should return the block itself (nn.Module.to returns self).":
        "{what}.to(...) 应返回块本身（nn.Module.to 返回 self）。",
    "{what}.to(torch.float64) left a parameter of {module_type} as {dtype}: modules that are not registered do "
    "not move with .to() (or .to(device)).":
        "{what}.to(torch.float64) 让 {module_type} 的一个参数仍为 {dtype}：没有注册的模块不会随 .to()（或 .to(devi"
        "ce)）一起移动。",
    "MLP().parameters() is empty: the layers are not registered; a module registers the layers assigned to "
    "attributes of the instance in __init__, after nn.Module's own __init__ has run (class attributes are not "
    "registered).":
        "MLP().parameters() 为空：这些层没有注册；模块注册的是在 __init__ 中、nn.Module 自己的 __init__ 运行之后赋"
        "给实例属性的层（类属性不会被注册）。",
    "MLP().parameters() should be exactly the weights and biases of hidden and out ({n_expected} tensors), found "
    "{n_params} tensors.":
        "MLP().parameters() 应恰好是 hidden 和 out 的权重和偏置（{n_expected} 个张量），实际为 {n_params} 个张量。",
    "MLP()(X) for X of shape {X_shape} should have shape {wanted}, got {out_shape}.":
        "对形状为 {X_shape} 的 X，MLP()(X) 的形状应为 {wanted}，实际为 {out_shape}。",
    "MLP() forward skips the ReLU: it should return out(relu(hidden(X))).":
        "MLP() 的前向传播跳过了 ReLU：它应返回 out(relu(hidden(X)))。",
    "MLP() forward applies ReLU to the output too: it should return out(relu(hidden(X))), with no activation "
    "after out.":
        "MLP() 的前向传播对输出也用了 ReLU：它应返回 out(relu(hidden(X)))，out 之后不再接激活函数。",
    "MLP()(X) differs from out(relu(hidden(X))) computed with the block's own layers.":
        "MLP()(X) 与用该块自己的层计算的 out(relu(hidden(X))) 不同。",
    "after MLP()(X).sum().backward(), {name} has no gradient: forward must compute with the layers (no detach / "
    "no_grad).":
        "执行 MLP()(X).sum().backward() 之后，{name} 没有梯度：前向传播必须用这些层来计算（不要 detach，也不要 no_"
        "grad）。",
    "{what}.parameters() is empty: the modules are not registered (a plain Python list hides them from "
    "parameters(), state_dict(), .to() and optimizers); register each with add_module or self._modules.":
        "{what}.parameters() 为空：这些模块没有注册（普通的 Python 列表会把它们藏起来，parameters()、state_dict()"
        "、.to() 和优化器都看不到）；用 add_module 或 self._modules 注册每个模块。",
    "{what}.parameters() should list exactly the parameters of the modules passed in, in order.":
        "{what}.parameters() 应按顺序恰好列出传入的各模块的参数。",
    "{what} should register its modules under the names '0', '1', '2', … in the order given; named_modules() "
    "shows {names}.":
        "{what} 应按给定顺序以名称 '0'、'1'、'2'、… 注册它的模块；named_modules() 显示的是 {names}。",
    "{what}.state_dict() should have the same keys as nn.Sequential built from the same modules "
    "({expected_keys}), found {keys}.":
        "{what}.state_dict() 的键应与用同样模块构建的 nn.Sequential 相同（{expected_keys}），实际为 {keys}。",
    "print({what}) should list every module, like nn.Sequential does; '({index}): {module!r}' is missing.":
        "print({what}) 应像 nn.Sequential 一样列出每个模块；缺少 '({index}): {module!r}'。",
    "len({what}) should be {n_modules} (one per module passed in), got {length}.":
        "len({what}) 应为 {n_modules}（每个传入的模块算一个），实际为 {length}。",
    "{what}[{index}] should return the module passed in position {index}, got {item_desc}.":
        "{what}[{index}] 应返回在位置 {index} 传入的模块，实际得到{item_desc}。",
    "{what}[{index}] should return the module {from_end} from the end (negative indices count from the end, like "
    "a list), but {error}.":
        "{what}[{index}] 应返回倒数第 {from_end} 个模块（负索引像列表一样从末尾数起），但 {error}。",
    "{what}[{index}] should return the module {from_end} from the end (negative indices count from the end, like "
    "a list), got {item_desc}.":
        "{what}[{index}] 应返回倒数第 {from_end} 个模块（负索引像列表一样从末尾数起），实际得到{item_desc}。",
    "MySequential(<12 modules>)(X) should keep the shape (3, 4), got {out_shape}.":
        "MySequential(<12 modules>)(X) 应保持形状 (3, 4)，实际为 {out_shape}。",
    "MySequential runs its modules in reverse: forward must feed X through them in the order given.":
        "MySequential 逆序运行了它的模块：前向传播必须按给定顺序让 X 依次通过这些模块。",
    "MySequential(<12 modules>)(X) differs from feeding X through the modules in the order given (0, 1, 2, …, "
    "11): run them in the order they were registered (names sorted as strings put '10' before '2').":
        "MySequential(<12 modules>)(X) 与让 X 按给定顺序（0, 1, 2, …, 11）依次通过各模块的结果不同：应按注册顺序运"
        "行它们（名称按字符串排序会把 '10' 排在 '2' 前面）。",
    "{what}(X) for X of shape (4, 20) should have shape (4, 5), got {out_shape}.":
        "对形状为 (4, 20) 的 X，{what}(X) 的形状应为 (4, 5)，实际为 {out_shape}。",
    "{what}(X) should equal feeding X through the modules in order.":
        "{what}(X) 应等于让 X 按顺序依次通过这些模块的结果。",
    "{what}(X) should be a(tanh(a(X))): a module passed twice must run twice (children() and modules() yield each "
    "module once; walk every registered entry instead).":
        "{what}(X) 应为 a(tanh(a(X)))：传入两次的模块必须运行两次（children() 和 modules() 对每个模块只给出一次；"
        "应遍历每个注册的条目）。",
    "after .to(torch.float64), MySequential(...)(X) should compute in float64 with the same modules.":
        "执行 .to(torch.float64) 之后，MySequential(...)(X) 应用同样的模块以 float64 计算。",
    "rand_weight is an nn.Parameter, so parameters() hands it to the optimizer; it must stay constant: a constant "
    "tensor that belongs to a module is a buffer (nn.Module.register_buffer), not a parameter.":
        "rand_weight 是一个 nn.Parameter，所以 parameters() 会把它交给优化器；但它必须保持不变：属于模块的常量张量"
        "是缓冲区（nn.Module.register_buffer），而不是参数。",
    "FixedHiddenMLP() should have exactly the parameters of linear (one nn.Linear(20, 20) used twice, so its "
    "weights are shared); found {params}.":
        "FixedHiddenMLP() 应恰好有 linear 的参数（同一个 nn.Linear(20, 20) 用了两次，所以它的权重是共享的）；实际"
        "为 {params}。",
    "FixedHiddenMLP() should have an attribute rand_weight of shape (20, 20), found {weight_shape}.":
        "FixedHiddenMLP() 应有一个形状为 (20, 20) 的属性 rand_weight，实际为 {weight_shape}。",
    "rand_weight should not require gradients: it is a constant.":
        "rand_weight 不应需要梯度：它是常量。",
    "rand_weight is not a registered buffer: a plain tensor attribute does not move with .to(device) and is not "
    "saved in state_dict(); register it with the module as a buffer (nn.Module.register_buffer).":
        "rand_weight 不是已注册的缓冲区：普通的张量属性不会随 .to(device) 移动，也不会保存在 state_dict() 中；应把"
        "它作为缓冲区注册到模块中（nn.Module.register_buffer）。",
    "rand_weight is missing from state_dict(), so it would not be saved with the model: a buffer registered as "
    "non-persistent is left out of state_dict().":
        "state_dict() 中缺少 rand_weight，所以它不会随模型一起保存：注册为非持久（non-persistent）的缓冲区不在 sta"
        "te_dict() 中。",
    "rand_weight should be drawn from U[0, 1) (torch.rand), but its values range from {low:.3f} to {high:.3f}.":
        "rand_weight 应从 U[0, 1) 中抽取（torch.rand），但它的值在 {low:.3f} 到 {high:.3f} 之间。",
    "rand_weight does not look like U[0, 1) draws (mean {mean:.3f}, std {std:.3f}; expected about 0.5 and 0.289): "
    "draw it from the uniform distribution on [0, 1).":
        "rand_weight 看起来不像从 U[0, 1) 中抽取的（均值 {mean:.3f}，标准差 {std:.3f}；应约为 0.5 和 0.289）：应从"
        " [0, 1) 上的均匀分布中抽取。",
    "two FixedHiddenMLP() instances have the same rand_weight: draw it at random when the block is built.":
        "两个 FixedHiddenMLP() 实例的 rand_weight 相同：应在构建块时随机抽取它。",
    "rand_weight changed when forward ran: draw it once in __init__ and keep it constant, not at every call.":
        "rand_weight 在前向传播运行时改变了：应在 __init__ 中抽取一次并保持不变，而不是每次调用都重新抽取。",
    "FixedHiddenMLP()(X) should return a scalar (the sum of the final X's entries), got {out_shape}.":
        "FixedHiddenMLP()(X) 应返回一个标量（最终 X 各元素之和），实际为 {out_shape}。",
    "FixedHiddenMLP()(X) is {ratio:.0f} times too large: the halving must repeat for as long as the sum of "
    "absolute values exceeds 1 (here {halvings} times), not stop early.":
        "FixedHiddenMLP()(X) 大了 {ratio:.0f} 倍：只要绝对值之和超过 1，就必须继续减半（这里是 {halvings} 次），不"
        "能提前停止。",
    "FixedHiddenMLP()(X) differs from: linear, relu(X @ rand_weight + 1), the same linear again, halve while "
    "X.abs().sum() > 1, then X.sum().":
        "FixedHiddenMLP()(X) 与以下计算不同：linear，relu(X @ rand_weight + 1)，再用同一个 linear，当 X.abs().sum("
        ") > 1 时不断减半，最后取 X.sum()。",
    "after FixedHiddenMLP()(X).backward(), linear has no gradient: forward must compute with self.linear.":
        "执行 FixedHiddenMLP()(X).backward() 之后，linear 没有梯度：前向传播必须用 self.linear 计算。",
    "rand_weight received a gradient: it must be a constant buffer.":
        "rand_weight 得到了梯度：它必须是一个常量缓冲区。",
    "loading state_dict() into a new FixedHiddenMLP() does not restore rand_weight.":
        "把 state_dict() 加载到新的 FixedHiddenMLP() 中并没有恢复 rand_weight。",
    "rand_weight did not move with .to(torch.float64): register it as a buffer so .to(device) moves it.":
        "rand_weight 没有随 .to(torch.float64) 一起移动：应把它注册为缓冲区，这样 .to(device) 才会移动它。",
    "after .to(torch.float64), FixedHiddenMLP()(X) should compute the same result in float64.":
        "执行 .to(torch.float64) 之后，FixedHiddenMLP()(X) 应以 float64 计算出相同的结果。",
    "{what}.parameters() is empty: net1 and net2 are not registered (a plain Python list hides them); assign each "
    "to an attribute of self or keep them in an nn.ModuleList.":
        "{what}.parameters() 为空：net1 和 net2 没有注册（普通的 Python 列表会把它们藏起来）；应把它们分别赋给 sel"
        "f 的属性，或者放在 nn.ModuleList 中。",
    "{what}.parameters() should be exactly the parameters of net1 and net2.":
        "{what}.parameters() 应恰好是 net1 和 net2 的参数。",
    "{what}.named_modules() should include net1 and net2 themselves.":
        "{what}.named_modules() 应包含 net1 和 net2 本身。",
    "{what}.state_dict() should hold the weights of both net1 and net2.":
        "{what}.state_dict() 应同时包含 net1 和 net2 的权重。",
    "{what}(X) adds the two outputs; it should concatenate them along the last dimension.":
        "{what}(X) 把两个输出相加了；应沿最后一维把它们连结（concatenate）起来。",
    "for X of shape {shape}, {what}(X) should have shape {wanted} (net1's 3 and net2's 3 outputs side by side on "
    "the last dimension), got {out_shape}.":
        "对形状为 {shape} 的 X，{what}(X) 的形状应为 {wanted}（net1 的 3 个输出和 net2 的 3 个输出在最后一维上并排"
        "），实际为 {out_shape}。",
    "{what}(X) puts net2's output first: return net1(X), then net2(X).":
        "{what}(X) 把 net2 的输出放在了前面：应先返回 net1(X)，再返回 net2(X)。",
    "{what}(X) should be net1(X) and net2(X) concatenated along the last dimension.":
        "{what}(X) 应为 net1(X) 和 net2(X) 沿最后一维连结的结果。",
    "with outputs of width 2 and 5 and X of shape {shape}, ParallelBlock(...)(X) should have shape {wanted}, got "
    "{out_shape}.":
        "当输出宽度为 2 和 5、X 的形状为 {shape} 时，ParallelBlock(...)(X) 的形状应为 {wanted}，实际为 {out_shape}"
        "。",
    "ParallelBlock(...)(X) should be net1(X) and net2(X) concatenated along the last dimension.":
        "ParallelBlock(...)(X) 应为 net1(X) 和 net2(X) 沿最后一维连结的结果。",
    "after ParallelBlock(...)(X).sum().backward(), both nets should have gradients.":
        "执行 ParallelBlock(...)(X).sum().backward() 之后，两个网络都应有梯度。",
    "{what} should return an nn.Sequential, got {net_desc}.":
        "{what} 应返回一个 nn.Sequential，实际得到{net_desc}。",
    "{what} should hold {n} modules, got {n_modules}.":
        "{what} 应包含 {n} 个模块，实际为 {n_modules} 个。",
    "{what} repeats one module instance ({distinct} distinct among {n}), so the copies share their parameters; "
    "call factory() once for each module.":
        "{what} 重复使用了同一个模块实例（{n} 个中只有 {distinct} 个不同），所以这些副本共享参数；应为每个模块调用"
        "一次 factory()。",
    "{what} called factory() {n_made} time(s); each of the {n} modules must come from its own factory() call.":
        "{what} 调用了 factory() {n_made} 次；{n} 个模块中的每一个都必须来自它自己的那次 factory() 调用。",
    "{what} should hold exactly the modules that factory() returned.":
        "{what} 应恰好包含 factory() 返回的那些模块。",
    "the modules in {what} share parameters; each must have its own.":
        "{what} 中的模块共享参数；每个模块都必须有自己的参数。",
    "{what}(X) should feed X through the {n} modules in turn.":
        "{what}(X) 应让 X 依次通过这 {n} 个模块。",
    "count every scalar in every weight and bias":
        "要数出每个权重和偏置中的每个标量",
    "a layer without bias has only its weight":
        "没有偏置的层只有权重",
    "a module without parameters has 0":
        "没有参数的模块是 0 个",
    "a net whose shared nn.Linear(8, 8) appears twice":
        "一个共享的 nn.Linear(8, 8) 出现两次的网络",
    "a tied layer is one set of parameters and counts once":
        "绑定的层是同一组参数，只数一次",
    "a net whose first nn.Linear(10, 20) is frozen (requires_grad=False)":
        "一个第一个 nn.Linear(10, 20) 被冻结（requires_grad=False）的网络",
    "frozen parameters (requires_grad=False) are not trainable and do not count":
        "冻结的参数（requires_grad=False）不可训练，不计入",
    "buffers such as BatchNorm's running_mean and running_var are not parameters":
        "BatchNorm 的 running_mean 和 running_var 这类缓冲区不是参数",
    "a module with an embedding tied to its decoder, a scalar parameter and a buffer":
        "一个嵌入层与解码器绑定、另有一个标量参数和一个缓冲区的模块",
    "the tied embedding/decoder weight counts once and the buffer not at all":
        "绑定的嵌入层/解码器权重只数一次，缓冲区完全不计",
    "count_parameters should return a whole number (an int); it returned {got_desc}.":
        "count_parameters 应返回一个整数（int）；它返回了{got_desc}。",
    "count_parameters({what}) returned {got}; expected {want} ({hint}).":
        "count_parameters({what}) 返回了 {got}；应为 {want}（{hint}）。",
    "count_parameters should only count; it changed which parameters require gradients.":
        "count_parameters 只应计数；它却改变了哪些参数需要梯度。",
    "net[0], an nn.Linear({n_in}, {n_out})":
        "net[0]，一个 nn.Linear({n_in}, {n_out})",
    "net[2][0], a subclass of nn.Linear({n_in}, {n_out})":
        "net[2][0]，一个 nn.Linear({n_in}, {n_out}) 的子类",
    "{name} left gradient tracking switched off for everything after it; an init must leave the grad mode as it "
    "found it (torch.no_grad() used as a context manager restores it).":
        "{name} 让之后的所有计算都关闭了梯度跟踪；初始化函数必须让梯度模式保持原样（把 torch.no_grad() 用作上下文"
        "管理器就会恢复它）。",
    "net.apply({name}) under torch.no_grad()":
        "在 torch.no_grad() 下执行 net.apply({name})",
    "{name} switched gradient tracking on when it was called with tracking off; an init must leave the grad mode "
    "as it found it, whichever it was.":
        "{name} 在梯度跟踪关闭时被调用，却打开了梯度跟踪；初始化函数必须让梯度模式保持原样，无论原来是什么。",
    "{name} replaced the parameter {pname} with a new object, so an optimizer created before net.apply would no "
    "longer train it; change the existing tensor in place (nn.init.*_ functions, or methods ending in _ under "
    "torch.no_grad()).":
        "{name} 用一个新对象替换了参数 {pname}，所以在 net.apply 之前创建的优化器将不再训练它；应原地修改已有的张"
        "量（nn.init.*_ 函数，或在 torch.no_grad() 下使用以 _ 结尾的方法）。",
    "after net.apply({name}) the network has parameters an optimizer created before would not know; change the "
    "existing parameters in place.":
        "执行 net.apply({name}) 之后，网络中有之前创建的优化器不知道的参数；应原地修改已有的参数。",
    "after net.apply({name}), {pname} no longer requires gradients.":
        "执行 net.apply({name}) 之后，{pname} 不再需要梯度。",
    "after net.apply({name}), {pname} has autograd history; initialize under torch.no_grad().":
        "执行 net.apply({name}) 之后，{pname} 带有自动微分的历史；应在 torch.no_grad() 下初始化。",
    "{name} changed the shape or dtype of {pname}.":
        "{name} 改变了 {pname} 的形状或 dtype。",
    "{name} changed {label} of the {kind} module; it must only touch nn.Linear layers (and subclasses of "
    "nn.Linear): choose modules by their type, not by whether they have a weight or bias.":
        "{name} 改变了 {kind} 模块的 {label}；它只能改动 nn.Linear 层（以及 nn.Linear 的子类）：应按类型选择模块，"
        "而不是看它有没有权重或偏置。",
    "{name} did not initialize {label}: a subclass of nn.Linear is an nn.Linear too, but a test that compares the "
    "type exactly misses it (isinstance accepts subclasses).":
        "{name} 没有初始化 {label}：nn.Linear 的子类也是 nn.Linear，但精确比较类型的判断会漏掉它（isinstance 接受"
        "子类）。",
    "{name} did not change the weight of {label}.":
        "{name} 没有改变 {label} 的权重。",
    "after {name} the bias of {label} should be all zeros; its largest entry in size is {largest:.4g}.":
        "执行 {name} 之后，{label} 的偏置应全为零；其中绝对值最大的元素为 {largest:.4g}。",
    "after {name} the weights of {label} have standard deviation {sd:.4g}; expected 0.01 (N(0, 0.01²): the "
    "standard deviation is 0.01, the variance 0.0001).":
        "执行 {name} 之后，{label} 的权重标准差为 {sd:.4g}；应为 0.01（N(0, 0.01²)：标准差是 0.01，方差是 0.0001）"
        "。",
    "after {name} the weights of {label} have mean {mean:.3g}; expected 0.":
        "执行 {name} 之后，{label} 的权重均值为 {mean:.3g}；应为 0。",
    "after {name} the weights of {label} do not look normally distributed (their distribution differs from N(0, "
    "0.01²) by up to {d:.3f}).":
        "执行 {name} 之后，{label} 的权重看起来不服从正态分布（它们的分布与 N(0, 0.01²) 相差可达 {d:.3f}）。",
    "after {name} every weight of {label} should be 1; found {wrong_numel} that are not (e.g. {first_wrong:.4g}).":
        "执行 {name} 之后，{label} 的每个权重都应为 1；有 {wrong_numel} 个不是（例如 {first_wrong:.4g}）。",
    "after {name} a weight of {label} is {biggest:.4f} in size, outside [-a, a] with {bound}.":
        "执行 {name} 之后，{label} 的一个权重绝对值为 {biggest:.4f}，超出了 [-a, a]，其中 {bound}。",
    "after {name} the weights of {label} reach only {biggest:.4f} in size; U(-a, a) with {bound} would come much "
    "closer to a.":
        "执行 {name} 之后，{label} 的权重绝对值最大只有 {biggest:.4f}；若服从 U(-a, a)（其中 {bound}），应更接近 a"
        "。",
    "after {name} the weights of {label} have standard deviation {sd:.4f}; U(-a, a) with {bound} has {spread:.4f}.":
        "执行 {name} 之后，{label} 的权重标准差为 {sd:.4f}；U(-a, a)（其中 {bound}）的标准差是 {spread:.4f}。",
    "after {name} the weights of {label} do not look uniform on [-a, a] with {bound}.":
        "执行 {name} 之后，{label} 的权重看起来不服从 [-a, a] 上的均匀分布，其中 {bound}。",
    "after {name} the weights of {label} include {bad_value:.3f}; every weight should be either 0 (drawn with |w| "
    "< 5) or between 5 and 10 in size (drawn from U(-10, 10), |w| ≥ 5).":
        "执行 {name} 之后，{label} 的权重中有 {bad_value:.3f}；每个权重要么是 0（抽到 |w| < 5 时），要么绝对值在 5"
        " 到 10 之间（从 U(-10, 10) 抽取且 |w| ≥ 5）。",
    "after {name} {zeros:.1%} of the weights of {label} are 0; about half should be (the half of U(-10, 10) with "
    "|w| < 5).":
        "执行 {name} 之后，{label} 的权重中有 {zeros:.1%} 为 0；应约有一半为 0（U(-10, 10) 中 |w| < 5 的那一半）。",
    "after {name} {positive:.1%} of the non-zero weights of {label} are positive; U(-10, 10) gives as many "
    "negative as positive weights.":
        "执行 {name} 之后，{label} 的非零权重中有 {positive:.1%} 为正；U(-10, 10) 给出的负权重和正权重一样多。",
    "after {name} the non-zero weights of {label} are not spread evenly between 5 and 10 in size, as U(-10, 10) "
    "with |w| < 5 zeroed would give.":
        "执行 {name} 之后，{label} 的非零权重的绝对值没有均匀分布在 5 到 10 之间，而把 U(-10, 10) 中 |w| < 5 的置"
        "零后应是均匀的。",
    "{name} changed the bias of {label}; it should leave the bias as it was.":
        "{name} 改变了 {label} 的偏置；它应让偏置保持原样。",
    "make_tied_net() should return an nn.Sequential; it returned {net_desc}.":
        "make_tied_net() 应返回一个 nn.Sequential；它返回了{net_desc}。",
    "make_tied_net() should return 7 modules (Linear, ReLU, shared, ReLU, shared, ReLU, Linear); it has {n_net}.":
        "make_tied_net() 应返回 7 个模块（Linear、ReLU、共享层、ReLU、共享层、ReLU、Linear）；实际有 {n_net} 个。",
    "net[{i}] should be nn.Linear{wanted} with a bias; it is {layer_desc}.":
        "net[{i}] 应为带偏置的 nn.Linear{wanted}；实际是 {layer_desc}。",
    "net[{i}] should be nn.ReLU(); it is {layer_desc}.":
        "net[{i}] 应为 nn.ReLU()；实际是 {layer_desc}。",
    "net[2] and net[4] are two nn.Linear(8, 8) layers that share only some of their parameters; put one and the "
    "same layer object in both places.":
        "net[2] 和 net[4] 是两个只共享了部分参数的 nn.Linear(8, 8) 层；应在这两个位置放同一个层对象。",
    "net[2] and net[4] are two nn.Linear(8, 8) layers that merely hold equal values (a copy, e.g. copy.deepcopy); "
    "put the same layer object in both places.":
        "net[2] 和 net[4] 是两个只是数值相等的 nn.Linear(8, 8) 层（一个副本，例如 copy.deepcopy）；应在这两个位置"
        "放同一个层对象。",
    "net[2] and net[4] are two separate nn.Linear(8, 8) layers; create one layer, shared, and put that same "
    "object in both places.":
        "net[2] 和 net[4] 是两个独立的 nn.Linear(8, 8) 层；应创建一个共享层，并把这同一个对象放在这两个位置。",
    "make_tied_net() should have 121 distinct parameter values; it has {count}.":
        "make_tied_net() 应有 121 个不同的参数值；实际有 {count} 个。",
    "running the net made by make_tied_net()":
        "运行 make_tied_net() 构建的网络",
    "the net should map a (5, 4) input to a (5, 1) output; it gave {out_desc}.":
        "该网络应把形状为 (5, 4) 的输入映射为形状为 (5, 1) 的输出；它给出的是{out_desc}。",
    "the net's output is not Linear(4, 8) → ReLU → shared → ReLU → shared → ReLU → Linear(8, 1).":
        "该网络的输出不是 Linear(4, 8) → ReLU → 共享层 → ReLU → 共享层 → ReLU → Linear(8, 1)。",
    "the shared layer's weight gradient should be the sum of the gradients from its two uses.":
        "共享层权重的梯度应为它两处使用所得梯度之和。",
    "make_tied_net() (a second call)":
        "make_tied_net()（第二次调用）",
    "two calls of make_tied_net() returned networks that share parameters; each call should build a new network "
    "(create the shared layer inside the function).":
        "两次调用 make_tied_net() 返回的网络共享参数；每次调用都应构建一个新网络（在函数内部创建共享层）。",
    "{what} raised ValueError ({error}), but both weights have shape ({vocab}, {dim}) (nn.Linear stores its "
    "weight as (out_features, in_features)), so they can be tied.":
        "{what} 引发了 ValueError（{error}），但两个权重的形状都是 ({vocab}, {dim})（nn.Linear 以 (out_features, i"
        "n_features) 存放权重），所以它们可以绑定。",
    "{what} raised {error_type}: {error}":
        "{what} 引发了 {error_type}：{error}",
    "tie_weights replaced embedding.weight; the embedding keeps its Parameter and the decoder takes it over, not "
    "the other way round.":
        "tie_weights 替换了 embedding.weight；应由嵌入层保留它的 Parameter，解码器接过它，而不是反过来。",
    "tie_weights changed the embedding's values; the decoder should take the embedding's weight.":
        "tie_weights 改变了嵌入层的数值；应由解码器采用嵌入层的权重。",
    "decoder.weight shares the embedding's storage but is a different Parameter object (as wrapping it anew or "
    "assigning .data makes), so their gradients do not add up; the decoder must hold the embedding's own "
    "Parameter object (a module registers the nn.Parameter assigned to its attribute).":
        "decoder.weight 与嵌入层共用存储，却是另一个 Parameter 对象（重新包装或给 .data 赋值就会这样），所以它们的"
        "梯度不会相加；解码器必须持有嵌入层自己的那个 Parameter 对象（模块会注册赋给其属性的 nn.Parameter）。",
    "tie_weights copied the embedding's values into decoder.weight; the two should be the very same Parameter "
    "object, not equal copies.":
        "tie_weights 把嵌入层的数值复制到了 decoder.weight 中；两者应是同一个 Parameter 对象，而不是相等的副本。",
    "after tie_weights, decoder.weight should be the very same Parameter as embedding.weight.":
        "执行 tie_weights 之后，decoder.weight 应与 embedding.weight 是同一个 Parameter。",
    "tie_weights should return the decoder it was given; it returned {result_desc}.":
        "tie_weights 应返回传给它的解码器；它返回了{result_desc}。",
    "tie_weights should leave the decoder's bias as it was.":
        "tie_weights 应让解码器的偏置保持原样。",
    "after tie_weights, a forward pass through the embedding and the decoder":
        "执行 tie_weights 之后，经过嵌入层和解码器的一次前向传播",
    "the tied weight's gradient should be the sum of its gradients as embedding and as decoder.":
        "绑定权重的梯度应为它作为嵌入层权重和作为解码器权重所得梯度之和。",
    "an optimizer step through decoder.parameters() should update the embedding's weight too.":
        "通过 decoder.parameters() 执行的优化器步骤也应更新嵌入层的权重。",
    "{what} raised a ValueError without a message; say why.":
        "{what} 引发的 ValueError 没有错误信息；请说明原因。",
    "{what} raised {error_type}: {error}; expected a ValueError (the weights have shapes ({v_in}, {d_in}) and "
    "({v_out}, {d_out}) and cannot be tied).":
        "{what} 引发了 {error_type}：{error}；应引发 ValueError（两个权重的形状为 ({v_in}, {d_in}) 和 ({v_out}, {d"
        "_out})，无法绑定）。",
    "{what} should raise ValueError: the embedding weight has shape ({v_in}, {d_in}) and the decoder weight "
    "({v_out}, {d_out}), so they cannot be one Parameter.":
        "{what} 应引发 ValueError：嵌入层权重的形状为 ({v_in}, {d_in})，解码器权重的形状为 ({v_out}, {d_out})，所"
        "以它们不能是同一个 Parameter。",
    "{what} changed the embedding or the decoder before raising ValueError; check the shapes first and change "
    "nothing when they do not match.":
        "{what} 在引发 ValueError 之前改变了嵌入层或解码器；应先检查形状，不匹配时什么都不要改。",
    "none":
        "无",
    "save_safe(net, path) for {what}":
        "save_safe(net, path) 作用于{what}",
    "load_safe(net, path) for {what}":
        "load_safe(net, path) 作用于{what}",
    "On {where}, try_gpu()":
        "在{where}上，try_gpu()",
    "On {where}, try_gpu({i})":
        "在{where}上，try_gpu({i})",
}
