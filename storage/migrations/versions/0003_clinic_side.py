"""The clinic side: staff and invites, broadcasts, alerts delivered to staff, session series.

Revision ID: 0003
Revises: 0002

"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = '0003'
down_revision: str | Sequence[str] | None = '0002'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Upgrade schema."""
    op.create_table('broadcast',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('clinic_id', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('audience', sa.Enum('active', 'recovery', 'due', name='audience', native_enum=False, length=16), nullable=False),
    sa.Column('status', sa.Enum('draft', 'queued', 'done', 'cancelled', name='broadcast_status', native_enum=False, length=16), nullable=False),
    sa.Column('created_by', sa.BigInteger(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('send_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('total', sa.Integer(), nullable=False),
    sa.Column('progress_chat_id', sa.BigInteger(), nullable=True),
    sa.Column('progress_message_id', sa.BigInteger(), nullable=True),
    sa.Column('progress_text', sa.Text(), nullable=True),
    sa.Column('finished_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['clinic_id'], ['clinic.id'], name=op.f('fk_broadcast_clinic_id_clinic')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_broadcast'))
    )
    with op.batch_alter_table('broadcast', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_broadcast_clinic_id'), ['clinic_id'], unique=False)

    op.create_table('staff_invite',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('clinic_id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=32), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('expires_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('used_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('used_by', sa.BigInteger(), nullable=True),
    sa.ForeignKeyConstraint(['clinic_id'], ['clinic.id'], name=op.f('fk_staff_invite_clinic_id_clinic')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_staff_invite')),
    sa.UniqueConstraint('code', name=op.f('uq_staff_invite_code'))
    )
    op.create_table('staff_member',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('clinic_id', sa.Integer(), nullable=False),
    sa.Column('telegram_user_id', sa.BigInteger(), nullable=False),
    sa.Column('step', sa.String(length=32), nullable=True),
    sa.Column('added_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['clinic_id'], ['clinic.id'], name=op.f('fk_staff_member_clinic_id_clinic')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_staff_member')),
    sa.UniqueConstraint('telegram_user_id', name=op.f('uq_staff_member_telegram_user_id'))
    )
    with op.batch_alter_table('staff_member', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_staff_member_clinic_id'), ['clinic_id'], unique=False)

    with op.batch_alter_table('alert', schema=None) as batch_op:
        batch_op.add_column(sa.Column('handled_by', sa.BigInteger(), nullable=True))
        batch_op.add_column(sa.Column('notified_at', sa.DateTime(timezone=True), nullable=True))

    with op.batch_alter_table('clinic', schema=None) as batch_op:
        batch_op.add_column(sa.Column('address', sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column('session_interval_days', sa.Integer(), nullable=False,
                                      server_default='28'))
        batch_op.add_column(sa.Column('staff_chat_id', sa.BigInteger(), nullable=True))

    with op.batch_alter_table('patient', schema=None) as batch_op:
        batch_op.add_column(sa.Column('sessions_planned', sa.Integer(), nullable=True))

    with op.batch_alter_table('scheduled_message', schema=None) as batch_op:
        batch_op.add_column(sa.Column('broadcast_id', sa.Integer(), nullable=True))
        batch_op.alter_column('treatment_id',
               existing_type=sa.INTEGER(),
               nullable=True)
        batch_op.alter_column('day',
               existing_type=sa.INTEGER(),
               nullable=True)
        batch_op.create_unique_constraint(batch_op.f('uq_scheduled_message_broadcast_id_patient_id'), ['broadcast_id', 'patient_id'])
        batch_op.create_foreign_key(batch_op.f('fk_scheduled_message_broadcast_id_broadcast'), 'broadcast', ['broadcast_id'], ['id'], ondelete='CASCADE')



def downgrade() -> None:
    """Downgrade schema."""
    with op.batch_alter_table('scheduled_message', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_scheduled_message_broadcast_id_broadcast'), type_='foreignkey')
        batch_op.drop_constraint(batch_op.f('uq_scheduled_message_broadcast_id_patient_id'), type_='unique')
        batch_op.alter_column('day',
               existing_type=sa.INTEGER(),
               nullable=False)
        batch_op.alter_column('treatment_id',
               existing_type=sa.INTEGER(),
               nullable=False)
        batch_op.drop_column('broadcast_id')

    with op.batch_alter_table('patient', schema=None) as batch_op:
        batch_op.drop_column('sessions_planned')

    with op.batch_alter_table('clinic', schema=None) as batch_op:
        batch_op.drop_column('staff_chat_id')
        batch_op.drop_column('session_interval_days')
        batch_op.drop_column('address')

    with op.batch_alter_table('alert', schema=None) as batch_op:
        batch_op.drop_column('notified_at')
        batch_op.drop_column('handled_by')

    with op.batch_alter_table('staff_member', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_staff_member_clinic_id'))

    op.drop_table('staff_member')
    op.drop_table('staff_invite')
    with op.batch_alter_table('broadcast', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_broadcast_clinic_id'))

    op.drop_table('broadcast')
