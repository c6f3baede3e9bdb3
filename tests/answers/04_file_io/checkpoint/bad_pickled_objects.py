# expect: A weights-only torch.load cannot read the checkpoint
# Pickles the model and optimizer objects, so weights_only=True cannot read the checkpoint.
def save_checkpoint(path, model, optimizer, epoch):
    tmp = path + ".tmp"
    try:
        torch.save({"model": model, "optimizer": optimizer, "epoch": epoch}, tmp)
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.remove(tmp)


def load_checkpoint(path, model, optimizer):
    checkpoint = torch.load(path, weights_only=False)
    model.load_state_dict(checkpoint["model"].state_dict())
    optimizer.load_state_dict(checkpoint["optimizer"].state_dict())
    return checkpoint["epoch"]
