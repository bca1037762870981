"""The char-CNN-CRF tagger as a ``transformers.PreTrainedModel`` (training and export; inference uses infer.py).

Architecture: a 3-wide convolution over character embeddings plus a 4-wide one over
bigram embeddings (→ ReLU; at inference both fold into lookup tables, so this
layer costs no matrix product), then residual dilated 3-wide convolutions (an ID-CNN-style stack), then one
linear + CRF *head per corpus* (shared encoder). Each head has its own label set;
BIO constraints are built into every CRF, in training and decoding alike.

Padding positions are zeroed after every layer, so a text's output does not
depend on what else is in its batch (the numpy path relies on it).
"""
from __future__ import annotations

from typing import Dict, Optional

import torch
from torch import nn
from transformers import PretrainedConfig, PreTrainedModel

from extract.stages.ner.infer import bio_constraints


class CharCNNConfig(PretrainedConfig):
    model_type = "zhie-charcnn-ner"

    def __init__(self, n_chars: int = 2, n_bigrams: int = 2, char_dim: int = 100, bigram_dim: int = 50,
                 use_bigrams: bool = True, hidden: int = 128, dilations=(1, 2, 1), char_kernel: int = 3,
                 emb_dropout: float = 0.3,
                 dropout: float = 0.2, heads: Optional[Dict[str, list]] = None, output_map: Optional[dict] = None,
                 output_head: Optional[str] = None, n_lex: int = 0, **kwargs):
        super().__init__(**kwargs)
        self.n_lex = n_lex  # lexicon features per character (extract.stages.ner.lexicon); 0 = none
        self.n_chars = n_chars
        self.n_bigrams = n_bigrams
        self.char_dim = char_dim
        self.bigram_dim = bigram_dim
        self.use_bigrams = use_bigrams
        self.hidden = hidden
        self.dilations = list(dilations)
        if char_kernel % 2 != 1:
            raise ValueError(f"char_kernel must be odd (a window centred on the character), got {char_kernel}")
        self.char_kernel = char_kernel
        self.emb_dropout = emb_dropout
        self.dropout = dropout
        self.heads = dict(heads or {})
        self.output_map = dict(output_map or {})
        self.output_head = output_head


class CRF(nn.Module):
    """Linear-chain CRF over BIO tags with hard BIO constraints (masks are buffers, not learned)."""

    def __init__(self, n_labels: int):
        super().__init__()
        k = 2 * n_labels + 1
        self.trans = nn.Parameter(torch.zeros(k, k))
        self.start = nn.Parameter(torch.zeros(k))
        self.end = nn.Parameter(torch.zeros(k))
        tm, sm = bio_constraints(n_labels)
        self.register_buffer("trans_mask", torch.from_numpy(tm), persistent=False)
        self.register_buffer("start_mask", torch.from_numpy(sm), persistent=False)

    def nll(self, em: torch.Tensor, tags: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        """Mean negative log-likelihood; ``em[B, T, K]``, ``tags[B, T]``, ``mask[B, T]`` (bool, left-aligned).

        A tag of ``-1`` marks a character whose tag is unknown (a partially labelled corpus): the
        likelihood is then that of every path through the known tags (Tsuboi et al. 2008), i.e.
        ``log Z - log Z(known tags fixed)``. With no ``-1`` it is the usual gold-path likelihood.
        """
        trans = self.trans + self.trans_mask
        start = self.start + self.start_mask
        if bool((tags < 0).any()):
            known = tags >= 0
            allowed = torch.nn.functional.one_hot(tags.clamp(min=0), em.shape[2]).bool() | ~known.unsqueeze(2)
            constrained = em.masked_fill(~allowed, -1e4)
            return (self._log_z(em, mask, trans, start) - self._log_z(constrained, mask, trans, start)).mean()
        maskf = mask.float()
        # gold path score
        e_gold = em.gather(2, tags.unsqueeze(2)).squeeze(2)
        gold = start[tags[:, 0]] + (e_gold * maskf).sum(1)
        tr = trans[tags[:, :-1], tags[:, 1:]]
        gold = gold + (tr * maskf[:, 1:]).sum(1)
        lengths = mask.sum(1)
        last = tags.gather(1, (lengths - 1).unsqueeze(1)).squeeze(1)
        gold = gold + self.end[last]
        return (self._log_z(em, mask, trans, start) - gold).mean()

    def _log_z(self, em: torch.Tensor, mask: torch.Tensor, trans: torch.Tensor, start: torch.Tensor) -> torch.Tensor:
        """Log partition function over all (BIO-valid) paths, by the forward algorithm."""
        alpha = start.unsqueeze(0) + em[:, 0]
        for t in range(1, em.shape[1]):
            nxt = torch.logsumexp(alpha.unsqueeze(2) + trans.unsqueeze(0), dim=1) + em[:, t]
            alpha = torch.where(mask[:, t:t + 1], nxt, alpha)
        return torch.logsumexp(alpha + self.end.unsqueeze(0), dim=1)


class CharCNNForNER(PreTrainedModel):
    config_class = CharCNNConfig
    base_model_prefix = "charcnn"
    _no_split_modules = []

    def __init__(self, config: CharCNNConfig):
        super().__init__(config)
        h = config.hidden
        self.char_emb = nn.Embedding(config.n_chars, config.char_dim, padding_idx=0)
        kc = config.char_kernel
        self.char_conv = nn.Conv1d(config.char_dim, h, kc, padding=kc // 2)
        if config.use_bigrams:
            self.bigram_emb = nn.Embedding(config.n_bigrams, config.bigram_dim, padding_idx=0)
            # over the T + 1 bigrams: output t sees bigrams t-kc//2 .. t+kc//2+1 (kc = 3: chars t-2 .. t+2)
            self.bigram_conv = nn.Conv1d(config.bigram_dim, h, kc + 1, padding=kc // 2, bias=False)
        if getattr(config, "n_lex", 0):
            self.lex_proj = nn.Linear(config.n_lex, h, bias=False)
        self.emb_drop = nn.Dropout(config.emb_dropout)
        self.convs = nn.ModuleList(nn.Conv1d(h, h, 3, padding=d, dilation=d) for d in config.dilations)
        self.drop = nn.Dropout(config.dropout)
        self.heads = nn.ModuleDict({name: nn.Linear(h, 2 * len(labs) + 1) for name, labs in config.heads.items()})
        self.crf = nn.ModuleDict({name: CRF(len(labs)) for name, labs in config.heads.items()})
        self.post_init()

    def _init_weights(self, module):
        if isinstance(module, nn.Embedding):
            nn.init.normal_(module.weight, std=0.1)
            with torch.no_grad():
                module.weight[0].zero_()
        elif isinstance(module, (nn.Linear, nn.Conv1d)):
            nn.init.kaiming_uniform_(module.weight, a=5 ** 0.5)
            if module.bias is not None:
                nn.init.zeros_(module.bias)

    def encode(self, char_ids: torch.Tensor, bigram_ids: Optional[torch.Tensor] = None,
               lex: Optional[torch.Tensor] = None) -> torch.Tensor:
        """Hidden states ``[B, T, H]`` (zero at padding). ``bigram_ids`` is ``[B, T + 1]``; ``lex`` is
        ``[B, T, n_lex]`` (0/1 lexicon features), required when the model has them."""
        m = (char_ids > 0).unsqueeze(1).float()  # [B, 1, T]
        z = self.char_conv(self.emb_drop(self.char_emb(char_ids)).transpose(1, 2))
        if self.config.use_bigrams:
            z = z + self.bigram_conv(self.emb_drop(self.bigram_emb(bigram_ids)).transpose(1, 2))
        if getattr(self.config, "n_lex", 0):
            if lex is None:
                raise ValueError(f"This model reads {self.config.n_lex} lexicon features per character: pass lex")
            z = z + self.lex_proj(self.emb_drop(lex.float())).transpose(1, 2)
        h = torch.relu(z) * m
        for conv in self.convs:
            h = (h + torch.relu(conv(self.drop(h)))) * m
        return h.transpose(1, 2)

    def forward(self, char_ids, bigram_ids=None, head: Optional[str] = None, tags=None, lex=None):
        """Emissions of ``head`` (default: the output head); with ``tags``, ``(loss, emissions)``."""
        head = head or self.config.output_head or next(iter(self.config.heads))
        h = self.encode(char_ids, bigram_ids, lex)
        em = self.heads[head](self.drop(h))
        if tags is None:
            return em
        return self.crf[head].nll(em, tags, char_ids > 0), em
