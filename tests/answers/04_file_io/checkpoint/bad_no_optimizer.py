# expect: the optimizer has no state
# The checkpoint lacks the optimizer's state: Adam restarts its moments and step count.
def save_checkpoint(path, model, optimizer, epoch):
    tmp = path + ".tmp"
    try:
        torch.save({"model": model.state_dict(), "epoch": epoch}, tmp)
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.remove(tmp)


def load_checkpoint(path, model, optimizer):
    checkpoint = torch.load(path, weights_only=True)
    model.load_state_dict(checkpoint["model"])
    return checkpoint["epoch"]
