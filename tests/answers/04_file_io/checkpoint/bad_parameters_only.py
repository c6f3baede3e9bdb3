# expect: the model's state_dict holds its buffers
# saves and restores the model's parameters only: its buffers (BatchNorm's running statistics) are lost
def save_checkpoint(path, model, optimizer, epoch):
    weights = {name: parameter.detach() for name, parameter in model.named_parameters()}
    tmp = path + ".tmp"
    try:
        torch.save({"weights": weights, "optimizer": optimizer.state_dict(), "epoch": epoch}, tmp)
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.remove(tmp)


def load_checkpoint(path, model, optimizer):
    checkpoint = torch.load(path, weights_only=True)
    with torch.no_grad():
        for name, parameter in model.named_parameters():
            parameter.copy_(checkpoint["weights"][name])
    optimizer.load_state_dict(checkpoint["optimizer"])
    return checkpoint["epoch"]
