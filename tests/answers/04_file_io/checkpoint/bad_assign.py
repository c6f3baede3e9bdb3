# expect: the optimizer no longer holds the model's parameters
# assign=True swaps in new Parameter objects: the optimizer keeps updating the old ones.
def save_checkpoint(path, model, optimizer, epoch):
    tmp = path + ".tmp"
    try:
        torch.save({"model": model.state_dict(), "optimizer": optimizer.state_dict(), "epoch": epoch}, tmp)
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.remove(tmp)


def load_checkpoint(path, model, optimizer):
    checkpoint = torch.load(path, weights_only=True)
    optimizer.load_state_dict(checkpoint["optimizer"])
    model.load_state_dict(checkpoint["model"], assign=True)
    return checkpoint["epoch"]
